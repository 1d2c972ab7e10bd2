import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

describe('metrics', () => {
  it('reports frames and stored messages counted as plain numbers, at every scrape', async () => {
    const m = createMetrics();
    m.wsFrame('visitor');
    m.wsFrame('visitor');
    m.wsFrame('agent');
    m.hub.message('reply');
    let text = await m.registry.metrics();
    expect(text).toContain('tributary_ws_frames_total{endpoint="visitor"} 2');
    expect(text).toContain('tributary_ws_frames_total{endpoint="agent"} 1');
    expect(text).toContain('tributary_messages_total{kind="reply"} 1');
    m.hub.message('reply');
    m.hub.message('visitor');
    text = await m.registry.metrics();
    expect(text).toContain('tributary_messages_total{kind="reply"} 2');
    expect(text).toContain('tributary_messages_total{kind="visitor"} 1');
    expect(text).toContain('tributary_ws_frames_total{endpoint="visitor"} 2');
  });
});
