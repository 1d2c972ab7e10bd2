import { useEffect, useState } from 'react';
import { compileStream } from '../../shared/compile/compileStream.ts';
import { streamsApi } from '../api/streams.ts';
import type { EditorSession } from '../collab/editorSession.ts';
import { PUBLISHED_EVENT } from './publishDraft.ts';

/** How long the draft must rest before it is compiled again to compare (typing does not compile per key). */
const SETTLE_MS = 400;
const REFRESH_MS = 8000;

/**
 * Whether the draft differs from the newest published version: its compiled content hash (layout ignored, as
 * publishing does) against the version's. Undefined while unknown or when the stream was never published.
 * Fetched again after a publish from this tab, and every few seconds for colleagues' publishes.
 */
export function useUnpublished(session: EditorSession): boolean | undefined {
  const [latest, setLatest] = useState<string | null>();
  const [draftHash, setDraftHash] = useState<string | null>();
  useEffect(() => {
    let live = true;
    const load = () =>
      streamsApi
        .versions(session.streamId)
        .then((vs) => live && setLatest(vs.length ? vs.reduce((a, b) => (b.version > a.version ? b : a)).hash : null))
        .catch(() => live && setLatest(undefined));
    void load();
    // A colleague may publish too: look again now and then (as the stream list does for who is editing).
    const every = setInterval(load, REFRESH_MS);
    window.addEventListener(PUBLISHED_EVENT, load);
    return () => {
      live = false;
      clearInterval(every);
      window.removeEventListener(PUBLISHED_EVENT, load);
    };
  }, [session.streamId]);
  useEffect(() => {
    const store = session.binding.store;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // What the content is made of: a moved card keeps its data object, so drags compile nothing.
    let seen: unknown[] = [];
    const measure = () => {
      timer = undefined;
      const s = store.stream();
      const parts: unknown[] = [s.name, s.start, s.edges.length, ...s.edges.map((e) => e.id)];
      for (const c of s.cards) parts.push(c.id, c.type, c.data);
      if (parts.length === seen.length && parts.every((p, i) => p === seen[i])) return;
      seen = parts;
      try {
        setDraftHash(compileStream(s).hash);
      } catch {
        // A draft that does not compile (lint errors) is not what was published.
        setDraftHash(null);
      }
    };
    measure();
    const stop = store.subscribe(() => {
      if (timer === undefined) timer = setTimeout(measure, SETTLE_MS);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [session]);
  if (!latest || draftHash === undefined) return undefined;
  return draftHash !== latest;
}
