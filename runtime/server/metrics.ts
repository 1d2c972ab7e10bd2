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
  // Counted on every frame and every step: plain numbers, handed to prom-client only when scraped (an `inc` hashes
  // its labels each time, ~2% of a visitor step).
  const frameCounts = new Map<string, number>();
  const messageCounts = new Map<string, number>();
  const folded = (counts: Map<string, number>, label: string) =>
    function (this: Counter) {
      this.reset();
      for (const [value, n] of counts) this.inc({ [label]: value }, n);
    };
  new Counter({
    name: 'tributary_ws_frames_total',
    help: 'WebSocket frames received',
    labelNames: ['endpoint'],
    registers: [registry],
    collect: folded(frameCounts, 'endpoint'),
  });
  new Counter({
    name: 'tributary_messages_total',
    help: 'Stored conversation messages by kind',
    labelNames: ['kind'],
    registers: [registry],
    collect: folded(messageCounts, 'kind'),
  });
  const count = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
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
  const decisionOf = bound((event) => decisions.labels({ event }));
  return {
    registry,
    wsOpened: (endpoint: string) => connections.inc({ endpoint }),
    wsClosed: (endpoint: string) => connections.dec({ endpoint }),
    wsFrame: (endpoint: string) => void count(frameCounts, endpoint),
    hub: {
      message: (kind: string) => void count(messageCounts, kind),
      decision: (event: string) => decisionOf(event).inc(),
      timerLag: (ms: number) => timerLag.observe(ms / 1000),
    },
    http: (route: string, status: number) => http.inc({ route, status: String(status) }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
