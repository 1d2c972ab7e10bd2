import { useSyncExternalStore } from 'react';
import type { StreamResults } from '../../shared/api/results.ts';
import { canonicalJson } from '../../shared/compile/canonicalJson.ts';
import type { Card, Stream } from '../../shared/stream/model.ts';
import { ApiError, call } from '../../web/api/client.ts';
import { streamsApi } from '../api/streams.ts';
import type { VersionSummary } from '../api/types.ts';
import type { DraftStore } from '../collab/draftStore.ts';
import { versionStream } from '../publish/versionStream.ts';
import { ALL_TIME, rangeQuery, type ResultsRange } from './resultsRange.ts';

/**
 * How often the counts are read again while results are shown. Polling, not a push over the co-editing socket: the
 * counters live in the shared database, so every co-editor on every node reads the same truth with no fan-out of
 * visitor steps to editors (a busy stream moves its counts many times a second; a poll takes what moved since the
 * last one at once), a reconnect needs no resync, and the collab socket stays the stock y-websocket protocol. An
 * unchanged answer is a 304 without a body (the API's ETag, revalidated by the browser's cache).
 */
export const RESULTS_POLL_MS = 2000;

/** What a card shows while results are on. Replaced only when something in it changes (cards re-render only then). */
export interface CardResults {
  reached: number;
  answered: number;
  /** Conversations that stopped at the card (still waiting there, or gone): its drop-off. */
  left: number;
  /** `left / reached`, null when nobody reached it. */
  dropShare: number | null;
  /** How the draft's card differs from the chosen version's: `changed` content, or `new` (not in that version). */
  mark?: 'changed' | 'new';
}

export interface EdgeResults {
  count: number;
  /** The share of the source card's visitors who went this way, null when nobody reached the card. */
  share: number | null;
}

export interface ResultsState {
  on: boolean;
  /** Published versions, newest first. */
  versions: VersionSummary[];
  /** The version asked for; null: the latest published one. */
  version: number | null;
  range: ResultsRange;
  results?: StreamResults;
  error?: string;
  /** When the counts were last read (ms). */
  updatedAt?: number;
  /** Cards of the draft whose content differs from the shown version, or that it does not have. */
  changed: number;
  added: number;
  /** Cards of the shown version that the draft no longer has (their counts are not on the canvas). */
  removed: string[];
}

const OFF: ResultsState = {
  on: false,
  versions: [],
  version: null,
  range: ALL_TIME,
  changed: 0,
  added: 0,
  removed: [],
};

/**
 * The results overlay of one open stream: which version and range are shown, the counts read from the results API,
 * and, per card and edge of the draft, what to draw. Nothing runs while it is off: no polling, no subscription to
 * the draft, and the canvas's cards and edges see `undefined` (a drag costs what it cost before).
 */
export class ResultsStore {
  private state: ResultsState = OFF;
  private cards = new Map<string, CardResults>();
  private edges = new Map<string, EdgeResults>();
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopDraft: (() => void) | undefined;
  private seq = 0;
  private lastBody = '';
  /** The stream of the version whose counts are shown (for the changed marks), by version number. */
  private shown: { version: number; stream: Stream | null } | undefined;
  /**
   * Per card: the draft's data object and type the mark was computed for, to compare each card once per edit (a
   * move keeps the data object).
   */
  private markCache = new Map<string, { data: unknown; type: string; version: number; mark: CardResults['mark'] }>();

  constructor(
    private readonly streamId: string,
    private readonly draft: DraftStore | undefined,
  ) {}

  /** A store that is never on (canvases without a stream behind them: stories, previews). */
  static off(): ResultsStore {
    return new ResultsStore('', undefined);
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getState = (): ResultsState => this.state;

  card(id: string): CardResults | undefined {
    return this.state.on ? this.cards.get(id) : undefined;
  }

  edge(id: string): EdgeResults | undefined {
    return this.state.on ? this.edges.get(id) : undefined;
  }

  setOn(on: boolean): void {
    if (on === this.state.on || !this.draft) return;
    if (!on) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.stopDraft?.();
      this.stopDraft = undefined;
      document.removeEventListener('visibilitychange', this.onVisible);
      this.seq++;
      this.set({ ...this.state, on: false });
      return;
    }
    this.set({ ...this.state, on: true, error: undefined });
    const draft = this.draft;
    const offContent = draft.onContentChange(() => this.rebuild());
    const offEdges = draft.subscribeEdges(() => this.rebuild());
    this.stopDraft = () => {
      offContent();
      offEdges();
    };
    document.addEventListener('visibilitychange', this.onVisible);
    this.timer = setInterval(() => {
      if (!document.hidden) void this.poll();
    }, RESULTS_POLL_MS);
    void this.loadVersions();
    void this.poll();
  }

  /** Shows another version (null: the latest) or range; the counts are read at once. */
  choose(c: { version?: number | null; range?: ResultsRange }): void {
    this.set({
      ...this.state,
      ...(c.version !== undefined ? { version: c.version } : {}),
      ...(c.range ? { range: c.range } : {}),
    });
    this.lastBody = '';
    if (this.state.on) void this.poll();
  }

  private onVisible = () => {
    if (!document.hidden) void this.poll();
  };

  private async loadVersions(): Promise<void> {
    try {
      const versions = await streamsApi.versions(this.streamId);
      this.set({ ...this.state, versions: [...versions].sort((a, b) => b.version - a.version) });
    } catch {
      // The version picker stays on "latest"; the counts still come.
    }
  }

  /** Reads the counts; a newer read (another version or range chosen meanwhile) wins over an older one. */
  private async poll(): Promise<void> {
    const seq = ++this.seq;
    const { version, range } = this.state;
    try {
      const results = await call('getResults', {
        params: { id: this.streamId },
        query: { ...(version !== null ? { version } : {}), ...rangeQuery(range) },
      });
      if (seq !== this.seq || !this.state.on) return;
      const body = JSON.stringify(results);
      if (body === this.lastBody && !this.state.error) {
        this.set({ ...this.state, updatedAt: Date.now() });
        return;
      }
      this.lastBody = body;
      if (results.version !== null && this.shown?.version !== results.version) await this.loadShown(results.version);
      if (seq !== this.seq || !this.state.on) return;
      this.state = { ...this.state, results, error: undefined, updatedAt: Date.now() };
      this.rebuild();
    } catch (e) {
      if (seq !== this.seq || !this.state.on) return;
      this.set({ ...this.state, error: e instanceof ApiError ? e.message : String(e) });
    }
  }

  private async loadShown(version: number): Promise<void> {
    try {
      this.shown = { version, stream: versionStream(await streamsApi.version(this.streamId, version)) };
    } catch {
      this.shown = { version, stream: null };
    }
  }

  /** Recomputes what each card and edge of the draft shows, keeping the objects of those that did not change. */
  private rebuild(): void {
    if (!this.draft || !this.state.on) return;
    const results = this.state.results;
    const draft = this.draft.stream();
    const shown = this.shown && results && this.shown.version === results.version ? this.shown : undefined;
    const versionCards = new Map((shown?.stream?.cards ?? []).map((c) => [c.id, c]));
    const cards = new Map<string, CardResults>();
    let changed = 0;
    let added = 0;
    for (const card of draft.cards) {
      const counts = results?.cards[card.id];
      const reached = counts?.reached ?? 0;
      const left = counts?.left ?? 0;
      const mark = shown?.stream ? this.markOf(card, shown.version, versionCards.get(card.id)) : undefined;
      if (mark === 'changed') changed++;
      if (mark === 'new') added++;
      const next: CardResults = {
        reached,
        answered: counts?.answered ?? 0,
        left,
        dropShare: reached ? left / reached : null,
        ...(mark ? { mark } : {}),
      };
      const prev = this.cards.get(card.id);
      cards.set(card.id, prev && sameCard(prev, next) ? prev : next);
    }
    const counts = new Map((results?.edges ?? []).map((e) => [`${e.from}\n${e.port}\n${e.to}`, e.count]));
    const edges = new Map<string, EdgeResults>();
    for (const e of draft.edges) {
      const count = counts.get(`${e.from}\n${e.port}\n${e.to}`) ?? 0;
      const reached = results?.cards[e.from]?.reached ?? 0;
      const next: EdgeResults = { count, share: reached ? count / reached : null };
      const prev = this.edges.get(e.id);
      edges.set(e.id, prev && prev.count === next.count && prev.share === next.share ? prev : next);
    }
    const draftIds = new Set(draft.cards.map((c) => c.id));
    const removed = [...versionCards.keys()].filter((id) => !draftIds.has(id));
    this.cards = cards;
    this.edges = edges;
    this.set({ ...this.state, changed, added, removed });
  }

  private markOf(card: Card, version: number, before: Card | undefined): CardResults['mark'] {
    if (!before) return 'new';
    const cached = this.markCache.get(card.id);
    if (cached && cached.data === card.data && cached.type === card.type && cached.version === version)
      return cached.mark;
    const same = before.type === card.type && canonicalJson(before.data ?? null) === canonicalJson(card.data ?? null);
    const mark = same ? undefined : 'changed';
    this.markCache.set(card.id, { data: card.data, type: card.type, version, mark });
    return mark;
  }

  private set(next: ResultsState): void {
    this.state = next;
    for (const fn of this.listeners) fn();
  }
}

function sameCard(a: CardResults, b: CardResults): boolean {
  return (
    a.reached === b.reached &&
    a.answered === b.answered &&
    a.left === b.left &&
    a.dropShare === b.dropShare &&
    a.mark === b.mark
  );
}

/** The results bar's state. */
export function useResultsState(store: ResultsStore): ResultsState {
  return useSyncExternalStore(store.subscribe, store.getState);
}

/** What one card shows; undefined while results are off. */
export function useCardResults(store: ResultsStore, id: string): CardResults | undefined {
  return useSyncExternalStore(store.subscribe, () => store.card(id));
}

/** What one edge shows; undefined while results are off. */
export function useEdgeResults(store: ResultsStore, id: string): EdgeResults | undefined {
  return useSyncExternalStore(store.subscribe, () => store.edge(id));
}
