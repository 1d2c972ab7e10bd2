import { z } from 'zod';
import { defineOperation } from './operation.ts';

export const health = defineOperation({
  operationId: 'health',
  method: 'GET',
  path: '/healthz',
  tag: 'system',
  summary: 'Liveness check: which node answered and whether it owns routing',
  access: 'public',
  responses: {
    200: {
      description: 'The node is up (also while another node owns routing)',
      schema: z.object({
        status: z.literal('ok'),
        node: z.string().meta({ description: 'This node (NODE_ID or host and pid, plus a random suffix)' }),
        routingOwner: z.boolean().meta({ description: 'Whether this node runs live-chat routing now' }),
      }),
      example: { status: 'ok', node: 'web-1-4f2a9c', routingOwner: true },
    },
  },
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
