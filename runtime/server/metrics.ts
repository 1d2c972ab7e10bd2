import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server (its own registry, so several servers can run in one test process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tributary_' });
  const connections = new Gauge({
    name: 'tributary_ws_connections',
    help: 'Open WebSocket connections',
    labelNames: ['endpoint'],
    registers: [registry],
  });
  const frames = new Counter({
    name: 'tributary_ws_frames_total',
    help: 'WebSocket frames received',
    labelNames: ['endpoint'],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'tributary_messages_total',
    help: 'Stored conversation messages by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'tributary_routing_decisions_total',
    help: 'Routing decisions by event',
    labelNames: ['event'],
    registers: [registry],
  });
  const timerLag = new Histogram({
    name: 'tributary_timer_lag_seconds',
    help: 'How late accept timers fired',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [registry],
  });
  const http = new Counter({
    name: 'tributary_http_requests_total',
    help: 'HTTP responses by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  // Label lookups hash their arguments on every call; the few label values are bound once.
  const bound = <T>(make: (label: string) => T) => {
    const cache = new Map<string, T>();
    return (label: string) => cache.get(label) ?? (cache.set(label, make(label)), cache.get(label)!);
  };
  const messageOf = bound((kind) => messages.labels({ kind }));
  const decisionOf = bound((event) => decisions.labels({ event }));
  const frameOf = bound((endpoint) => frames.labels({ endpoint }));
  return {
    registry,
    wsOpened: (endpoint: string) => connections.inc({ endpoint }),
    wsClosed: (endpoint: string) => connections.dec({ endpoint }),
    wsFrame: (endpoint: string) => frameOf(endpoint).inc(),
    hub: {
      message: (kind: string) => messageOf(kind).inc(),
      decision: (event: string) => decisionOf(event).inc(),
      timerLag: (ms: number) => timerLag.observe(ms / 1000),
    },
    http: (route: string, status: number) => http.inc({ route, status: String(status) }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
