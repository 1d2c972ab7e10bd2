import type { CompiledStream } from '../../../shared/compile/format.ts';
import type { Streams } from '../store/streams.ts';

/**
 * Published versions are immutable, so their compiled form is parsed once and kept. Bounded: conversations on
 * old versions reload them from the store when evicted.
 */
export function createVersionCache(streams: Streams, max = 500) {
  const cache = new Map<string, CompiledStream>();
  return {
    async get(streamId: string, version: number): Promise<CompiledStream | undefined> {
      const key = `${streamId}@${version}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const v = await streams.version(streamId, version);
      if (!v) return undefined;
      cache.set(key, v.compiled as CompiledStream);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return v.compiled as CompiledStream;
    },
  };
}

export type VersionCache = ReturnType<typeof createVersionCache>;
