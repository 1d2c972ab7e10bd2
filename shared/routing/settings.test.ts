import { describe, expect, it } from 'vitest';
import { liveChatSchema } from '../cards/liveChat.ts';
import { parseScenario } from './parseScenario.ts';
import { ROUTING_MODES, routingSchema, settingsPatchSchema } from './schema.ts';
import { DEFAULT_SETTINGS, SETTING_BOUNDS } from './settings.ts';

describe('routing modes and settings, defined once', () => {
  it('the card takes exactly the modes the engine routes by', () => {
    const routing = liveChatSchema.shape.routing.unwrap();
    expect(routing).toBe(routingSchema);
    expect(routingSchema.options.map((o) => o.shape.mode.value)).toEqual([...ROUTING_MODES]);
  });

  it.each(Object.entries(SETTING_BOUNDS))('%s: a scenario and a settings change take the same bounds', (k, b) => {
    const at = (v: number) => parseScenario({ plan: 'select', settings: { [k]: v } });
    expect(at(b.min).ok && at(b.max).ok).toBe(true);
    expect(at(b.min - 1)).toEqual({ ok: false, error: `settings.${k}: must be ${b.min} or more` });
    expect(at(b.max + 1)).toEqual({ ok: false, error: `settings.${k}: must be at most ${b.max}` });
    expect(at(b.min + 0.5)).toEqual({ ok: false, error: `settings.${k}: must be a whole number` });
    expect(settingsPatchSchema.safeParse({ [k]: b.min - 1 }).success).toBe(false);
  });

  it('the defaults lie within the bounds', () => {
    for (const [k, b] of Object.entries(SETTING_BOUNDS)) {
      const v = DEFAULT_SETTINGS[k as keyof typeof SETTING_BOUNDS];
      expect(v >= b.min && v <= b.max, k).toBe(true);
    }
  });
});
