import type { SessionStep } from '../../../shared/engine/session.ts';
import { acceptBucket } from '../store/results.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Tally } from './tally.ts';

/** How a conversation ended, as the hub's `finish` names it. */
export type EndReason = 'completed' | 'abandoned' | 'fallback' | 'chat-ended' | string;

/**
 * What happens to conversations, as results count it: the live layer calls one method per product event, in the
 * turn that stores the event, and the counts are written in that turn's transaction (`Tally`). The one place that
 * knows which counter each event moves (store/results.ts lists them).
 */
export class Recorder {
  constructor(private readonly tally: Tally) {}

  /** A conversation started and the bot ran to its first question (or to the end). */
  started(rec: ConversationRecord, start: string, step: SessionStep): void {
    this.tally.add(rec, 'conv', 'started');
    this.tally.add(rec, 'card.reached', start);
    this.moved(rec, step);
  }

  /** The visitor engaged (their first reply). */
  engaged(rec: ConversationRecord): void {
    this.tally.add(rec, 'conv', 'engaged');
  }

  /** A reply to the card `cardId` was taken (`step` moved on) or refused (`step` has no trail). */
  replied(rec: ConversationRecord, cardId: string, step: SessionStep): void {
    if (!step.trail?.length) return;
    this.tally.add(rec, 'card.answered', cardId);
    // The visitor no longer waits here: not a drop-off of this card any more.
    this.tally.add(rec, 'card.left', cardId, -1);
    this.moved(rec, step);
  }

  goal(rec: ConversationRecord, name: string, score: number | undefined): void {
    this.tally.add(rec, 'goal', name);
    if (score) this.tally.add(rec, 'goal.score', name, score);
  }

  /** The bot handed the conversation to live chat. */
  requested(rec: ConversationRecord): void {
    this.tally.add(rec, 'conv', 'handoff');
    this.tally.add(rec, 'chat', 'requested');
  }

  offered(rec: ConversationRecord, agentId: string): void {
    this.tally.add(rec, 'agent.offered', agentId);
  }

  /** An offer to `agentId` lapsed or was declined. */
  offerMissed(rec: ConversationRecord, agentId: string): void {
    this.tally.add(rec, 'agent.missed', agentId);
  }

  /** An agent accepted, `waitedMs` after the request. */
  connected(rec: ConversationRecord, agentId: string, waitedMs: number): void {
    const ms = Math.max(0, Math.round(waitedMs));
    this.tally.add(rec, 'chat', 'connected');
    this.tally.add(rec, 'chat', 'acceptMs', ms);
    this.tally.add(rec, 'chat.acceptHist', acceptBucket(ms));
    this.tally.add(rec, 'agent.connected', agentId);
    this.tally.add(rec, 'agent.acceptMs', agentId, ms);
  }

  /** Nobody took the chat (a fallback, whatever its reason). */
  missed(rec: ConversationRecord): void {
    this.tally.add(rec, 'chat', 'missed');
    this.tally.add(rec, 'conv', 'missed');
  }

  /** The conversation is over (called before its record changes: `rec.status` is still the one it ended in). A
   * visitor who leaves the bot is a drop-off; one who gives up waiting for an agent was counted as a hand-off. */
  ended(rec: ConversationRecord, reason: EndReason): void {
    if (reason === 'completed') this.tally.add(rec, 'conv', 'completed');
    else if (reason === 'abandoned' && rec.status === 'bot') this.tally.add(rec, 'conv', 'dropped');
  }

  /** The edges of a step, the cards they reached, and where the visitor now waits. */
  private moved(rec: ConversationRecord, step: SessionStep): void {
    for (const t of step.trail ?? []) {
      this.tally.add(rec, 'edge', `${t.from}|${t.port}|${t.to ?? ''}`);
      if (t.to !== null) this.tally.add(rec, 'card.reached', t.to);
    }
    if (step.state.status === 'waiting' && step.state.cardId) this.tally.add(rec, 'card.left', step.state.cardId);
  }
}
