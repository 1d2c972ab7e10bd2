import { defineOperation } from './operation.ts';

export const health = defineOperation({
  operationId: 'health',
  method: 'GET',
  path: '/healthz',
  tag: 'system',
  summary: 'Liveness check',
  access: 'public',
  responses: { 200: { description: '"ok"', contentType: 'text/plain', example: 'ok' } },
  errors: [],
});

export const metrics = defineOperation({
  operationId: 'metrics',
  method: 'GET',
  path: '/metrics',
  tag: 'system',
  summary:
    'Prometheus metrics (connections, frames, messages, routing decisions, timer lag, HTTP, limit refusals); a bearer TRIBUTARY_METRICS_TOKEN or an admin, unless TRIBUTARY_METRICS_PUBLIC=1 (docs/security.md)',
  access: 'admin',
  responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
  errors: [],
});
