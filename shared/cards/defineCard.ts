import type { z } from 'zod';
import type { EngineEvent } from '../engine/events.ts';
import type { LocalText } from './fieldMeta.ts';

/** What a card step may read: the visitor's profile and the facts the caller provides. Pure data, no I/O. */
export interface StepContext {
  /** The id of the card being run (events name it). */
  cardId: string;
  /** The visitor's profile (attribute name → value); unknown attributes are absent. */
  attributes: Readonly<Record<string, string>>;
  /** Whether live-chat agents are available (optionally in a team); the caller decides (runtime, simulate, preview). */
  agentsAvailable(teamId?: string): boolean;
}

/**
 * What a card step asks the interpreter to do next. Card steps never perform effects: they return events to emit,
 * attributes to set and where to go, and the interpreter carries it out.
 */
export type StepOutcome =
  /** Emit `events`, set `set`, then follow the edge on `port` (no edge there: the branch is complete). */
  | { kind: 'next'; port: string; events: EngineEvent[]; set?: Record<string, string> }
  /** Emit `events` (an `ask`) and wait for the visitor's reply, which goes to `reply`. */
  | { kind: 'wait'; events: EngineEvent[] }
  /** The reply was not acceptable: emit `events` (an `invalid`, then the same `ask` again) and keep waiting. */
  | { kind: 'retry'; events: EngineEvent[] }
  /** Emit `events` and end the conversation with a live-chat hand-off. */
  | { kind: 'handoff'; events: EngineEvent[] };

export interface CardDefinition<T extends string = string, D = any> {
  type: T;
  /** The card type's name as people read it (palette, canvas, inspector, version diffs). */
  title: LocalText;
  /** Version of this card's data shape; bump it with a named migration in `migrations`. */
  version: number;
  /** Schema of the card's data, with defaults; a parse failure lints as `invalid-card-data`. */
  schema: z.ZodType<D>;
  /** Data of a fresh card dropped from the palette. */
  defaults: () => D;
  /** Output ports, in display order (derived from data for question answers and condition branches). */
  ports(data: D): string[];
  /** Texts of this card that may hold `{{tokens}}` (for `unknown-token` and for replacement). */
  texts(data: D): string[];
  /** Attributes this card sets (for `unknown-token`: a stream may define attributes by setting them). */
  sets(data: D): string[];
  /** Whether the card waits for a visitor reply (question, capture); used by the interpreter and the preview. */
  interactive: boolean;
  /** Entering the card. */
  enter(data: D, ctx: StepContext): StepOutcome;
  /** The visitor's reply while the card waits (only called for interactive cards). */
  reply?(data: D, text: string, ctx: StepContext): StepOutcome;
  /**
   * Optional fields added within `tributary.stream/1` and the value that means the same as leaving them out
   * (SPEC §2): an export leaves them out while they hold it.
   */
  omitWhenDefault?: Readonly<Record<string, unknown>>;
  /** Migrations from older data versions: `migrations[n]` turns version n data into version n+1. */
  migrations?: Record<number, (old: any) => unknown>;
}

/** Declares a card type. One file per type in `shared/cards/`, listed once in `shared/cards/index.ts`. */
export function defineCard<T extends string, D>(def: CardDefinition<T, D>): CardDefinition<T, D> {
  return def;
}
