import { z } from 'zod';
import { isTimeZone, minuteOfDay, WEEKDAYS } from './clock.ts';

/**
 * Weekly availability (an agent's schedule, the workspace's business hours): blocks of a weekday in a time zone.
 * A block ends on the day it starts (`24:00` is the end of the day); a night shift is two blocks. Blocks may touch
 * but not overlap, and each ends after it starts; the admin API answers 400 naming the block otherwise.
 */
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM (00:00 to 24:00)');

export const scheduleBlockSchema = z.strictObject({
  day: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }),
  from: time,
  to: time,
});

export const scheduleSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'unknown time zone (use an IANA name such as Europe/Berlin)'),
    blocks: z.array(scheduleBlockSchema).max(100),
  })
  .superRefine((s, ctx) => {
    const spans = s.blocks.map((b) => {
      const day = WEEKDAYS.indexOf(b.day) * 1440;
      return { from: day + minuteOfDay(b.from), to: day + minuteOfDay(b.to) };
    });
    spans.forEach((span, i) => {
      if (span.to <= span.from) {
        ctx.addIssue({ code: 'custom', path: ['blocks', i, 'to'], message: 'must be later than from' });
        return;
      }
      const j = spans.findIndex((o, k) => k < i && o.to > o.from && o.from < span.to && span.from < o.to);
      if (j >= 0) ctx.addIssue({ code: 'custom', path: ['blocks', i], message: `overlaps blocks[${j}]` });
    });
  });
