import { z } from 'zod';
import { APPEARANCE_BOUNDS as B, LAUNCHER_ICONS, type Appearance } from './appearance.ts';

/**
 * A colour as the appearance keeps it: `#rrggbb` (`#rgb` is widened), lower case. Anything else — a name, rgb(),
 * a typo — is refused, so that the contrast check and the widget never meet a colour they cannot read.
 */
export const colorSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/.test(s), 'give a colour as #rrggbb (e.g. #0f766e)')
  .transform((s) => (s.length === 4 ? `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}` : s));

/** Only pictures stored by the runtime itself (POST /api/widget/images): no third-party tracking pixels. */
export const WIDGET_IMAGE_PATH = /^\/api\/widget\/images\/[A-Za-z0-9_-]{1,40}$/;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const px = (b: { min: number; max: number }) =>
  z.number().int('a whole number of pixels').min(b.min).max(b.max, `at most ${b.max} px`);

export const appearanceFields = {
  brandColor: colorSchema,
  textColor: colorSchema,
  title: text(B.title),
  subtitle: text(B.subtitle),
  botName: text(B.botName),
  botAvatarUrl: z
    .string()
    .regex(WIDGET_IMAGE_PATH, 'upload the picture with POST /api/widget/images and use the url it answers')
    .nullable(),
  launcherIcon: z.enum(LAUNCHER_ICONS),
  position: z.enum(['left', 'right']),
  offsetX: px(B.offsetX),
  offsetY: px(B.offsetY),
  radius: px(B.radius),
  font: z.enum(['system', 'page']),
  mode: z.enum(['light', 'dark']),
};

/** A whole appearance. */
export const appearanceSchema: z.ZodType<Appearance> = z.object(appearanceFields).strict();

/**
 * Some fields of an appearance: a change to the workspace's (PUT /api/widget/appearance keeps the fields not
 * given), or a dialogue's override (the fields it sets itself; `{}` follows the workspace in everything).
 */
export const appearancePatchSchema = z.object(appearanceFields).partial().strict();

/**
 * An origin as a browser sends it in `Origin`: scheme, host and port, nothing else (`https://shop.example.com`).
 * A trailing slash is forgiven; a path, query, wildcard or other scheme is not.
 */
export const originSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\/$/, ''))
  .refine(isOrigin, 'not an origin: give scheme and host only, like https://www.example.com')
  .transform((s) => new URL(s).origin);

function isOrigin(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.toLowerCase() && !s.includes('*');
  } catch {
    return false;
  }
}

/** Which sites may embed the widget: empty means any site. */
export const allowedOriginsSchema = z
  .object({ allowedOrigins: z.array(originSchema).max(100, 'at most 100 origins') })
  .strict();
