import { HttpError, type Req, type Res } from '../http/types.ts';

/** Picture types the runtime stores and serves back (never SVG: it can carry script). */
export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * An uploaded picture from a request body, checked: an accepted type that the magic bytes confirm, not empty,
 * at most `maxBytes`. A refusal is a 400 that names `field`, so that a form can show it beside the right input.
 */
export function readImage(req: Req, field: string, maxBytes: number): { type: string; data: Buffer } {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!IMAGE_TYPES.has(type)) throw new HttpError(400, 'invalid', `${field}: send a PNG, JPEG, GIF or WebP image`);
  if (req.body.length === 0) throw new HttpError(400, 'invalid', `${field}: the image is empty`);
  if (req.body.length > maxBytes)
    throw new HttpError(400, 'invalid', `${field}: the image is larger than ${Math.round(maxBytes / 1024)} kB`);
  if (!looksLike(type, req.body)) throw new HttpError(400, 'invalid', `${field}: the file is not a ${type} image`);
  return { type, data: Buffer.from(req.body) };
}

/** Serves a stored picture; its URL never changes content, so it may be cached for good. */
export function imageRes(img: { type: string; data: Uint8Array }): Res {
  return {
    status: 200,
    headers: {
      'content-type': img.type,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      // Shown by the widget on other sites.
      'cross-origin-resource-policy': 'cross-origin',
    },
    body: img.data,
  };
}

/** Checks the magic bytes, so that nothing but an image is ever served back under an image type. */
export function looksLike(type: string, b: Buffer): boolean {
  if (type === 'image/png')
    return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (type === 'image/jpeg') return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (type === 'image/gif') return b.subarray(0, 4).toString('latin1') === 'GIF8';
  return b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP';
}
