import type { Routing } from '../routing/types.ts';

/**
 * What a conversation produces, in order (SPEC §8.3 `simulate`). The runtime sends these to the widget, the editor
 * preview renders them and `tributary simulate` prints one per line. Fields beyond the spec's (`cardId` on most
 * events, `input`/`options`/`placeholder` on a capture `ask`) are additions the spec allows.
 */
export type EngineEvent =
  MessageEvent | AskEvent | InvalidEvent | SetEvent | GoalEvent | DocumentEvent | LiveChatEvent | EndEvent;

/** A bot message, tokens already replaced. */
export interface MessageEvent {
  type: 'message';
  cardId: string;
  text: string;
}

/** A question: one button per answer label. The visitor replies with a label. */
export interface QuestionAskEvent {
  type: 'ask';
  cardId: string;
  prompt: string;
  answers: string[];
  /** The question also takes typed text (it then goes out on the `other` port); absent when it does not. */
  freeText?: boolean;
}

/** A capture: a text box (or a pick list) for one profile attribute. */
export interface CaptureAskEvent {
  type: 'ask';
  cardId: string;
  prompt: string;
  attribute: string;
  input: 'text' | 'picklist';
  options?: string[];
  placeholder?: string;
}

export type AskEvent = QuestionAskEvent | CaptureAskEvent;

/** The reply was not accepted; the same `ask` follows and nothing was stored. */
export interface InvalidEvent {
  type: 'invalid';
  cardId: string;
  message: string;
}

/** A profile attribute was set (question with `attribute`, capture, action). */
export interface SetEvent {
  type: 'set';
  cardId: string;
  attribute: string;
  value: string;
}

export interface GoalEvent {
  type: 'goal';
  cardId: string;
  name: string;
  score?: number;
}

export interface DocumentEvent {
  type: 'document';
  cardId: string;
  name: string;
  url: string;
}

/** The visitor is handed to live chat; the runtime's router takes it from here. */
export interface LiveChatEvent {
  type: 'liveChat';
  cardId: string;
  routing: Routing;
}

/**
 * Why an interpreter session stopped (SPEC §8.3 `simulate`): the end of a branch, a live-chat hand-off, or no more
 * replies. Not the conversation's end reason of the visitor protocol (`EndReason` in shared/protocol/common.ts),
 * which the runtime derives from this and from what happens in live chat afterwards.
 */
export type SessionEndReason = 'completed' | 'handoff' | 'input-ended';

export interface EndEvent {
  type: 'end';
  reason: SessionEndReason;
}

export type EngineEventType = EngineEvent['type'];
