import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson.ts';

/**
 * `sha256:<hex>` of a value's canonical JSON. Pure JavaScript (no node:crypto, no async WebCrypto), so the editor,
 * the runtime and the CLI compute the very same hash synchronously.
 */
export function contentHash(value: unknown): string {
  return hashJson(canonicalJson(value));
}

/** `sha256:<hex>` of JSON text that is already canonical (compile builds its output in canonical order). */
export function hashJson(json: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(json)))}`;
}
