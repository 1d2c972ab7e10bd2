import type { Triggers } from '../../../shared/protocol/visitor.ts';

/** A published stream plus its targeting (SPEC §1). It serves the stream's newest published version. */
export interface Dialogue {
  id: string;
  name: string;
  streamId: string;
  include: string[];
  exclude: string[];
  /** 1 is the highest. */
  priority: number;
  triggers: Triggers;
  /** Shown at most once per visitor (once triggered), not only until completed. */
  showOnce: boolean;
  /** False: unpublished (not shown; running conversations go on). */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export type DialogueInput = Omit<Dialogue, 'id' | 'createdAt' | 'updatedAt'>;

export const toDialogue = (r: any): Dialogue => ({
  id: r.id,
  name: r.name,
  streamId: r.stream_id,
  include: JSON.parse(r.include_urls),
  exclude: JSON.parse(r.exclude_urls),
  priority: r.priority,
  triggers: JSON.parse(r.triggers),
  showOnce: !!r.show_once,
  active: !!r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The column values of a dialogue's input, in DIALOGUE_COLS order (both backends bind them alike). */
export const DIALOGUE_COLS = [
  'name',
  'stream_id',
  'include_urls',
  'exclude_urls',
  'priority',
  'triggers',
  'show_once',
  'active',
] as const;

export function dialogueValues(d: DialogueInput): unknown[] {
  return [
    d.name,
    d.streamId,
    JSON.stringify(d.include),
    JSON.stringify(d.exclude),
    d.priority,
    JSON.stringify(d.triggers),
    d.showOnce,
    d.active,
  ];
}

/** Published dialogues (an aggregate of its own). Writes resolve once durable. */
export interface Dialogues {
  /** By priority, then id. */
  list(): Promise<Dialogue[]>;
  get(id: string): Promise<Dialogue | undefined>;
  ofStream(streamId: string): Promise<Dialogue[]>;
  create(d: DialogueInput, id?: string): Promise<Dialogue>;
  update(id: string, d: DialogueInput): Promise<Dialogue>;
  remove(id: string): Promise<boolean>;
}
