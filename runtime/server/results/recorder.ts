import type { SessionStep } from '../../../shared/engine/session.ts';
import { acceptBucket } from '../store/results.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Outbox } from '../webhooks/outbox.ts';
import { outcomeOf } from './outcome.ts';
import type { LeadLog } from './leadLog.ts';
import type { Tally } from './tally.ts';

/** How a conversation ended, as the hub's `finish` names it. */
export type EndReason = 'completed' | 'abandoned' | 'fallback' | 'chat-ended' | string;

/**
 * What happens to conversations, as results count it and webhooks tell it: the live layer calls one method per
 * product event, in the turn that stores the event, and the counts (`Tally`) and the webhook events (`Outbox`) are
 * written in that turn's transaction. The one place that knows which counter each event moves (store/results.ts
 * lists them) and which webhook event it makes.
 */
export class Recorder {
  constructor(
    private readonly tally: Tally,
    private readonly outbox: Outbox,
    /** What each conversation captured and achieved, for the leads table. */
    private readonly leads: LeadLog,
  ) {}

  /** A conversation started and the bot ran to its first question (or to the end). */
  started(rec: ConversationRecord, start: string, step: SessionStep): void {
    this.tally.add(rec, 'conv', 'started');
    this.tally.add(rec, 'card.reached', start);
    this.outbox.add('conversation.started', rec);
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

  /** The visitor left the card `cardId` for the "talk to a person" card (the header action), not by a reply. */
  jumped(rec: ConversationRecord, cardId: string, step: SessionStep): void {
    this.tally.add(rec, 'card.left', cardId, -1);
    this.moved(rec, step);
  }

  goal(rec: ConversationRecord, name: string, score: number | undefined): void {
    this.tally.add(rec, 'goal', name);
    if (score) this.tally.add(rec, 'goal.score', name, score);
    this.outbox.add('goal.reached', rec, { goal: name, score: score ?? 0 });
    this.leads.goal(rec, name, score);
  }

  /** A profile attribute was set by the conversation (a question, a capture, an action). */
  captured(rec: ConversationRecord, attribute: string, value: string): void {
    this.outbox.add('attribute.captured', rec, { attribute, value });
    this.leads.captured(rec, attribute, value);
  }

  /** The bot handed the conversation to live chat. */
  requested(rec: ConversationRecord): void {
    this.tally.add(rec, 'conv', 'handoff');
    this.tally.add(rec, 'chat', 'requested');
    this.outbox.add('livechat.requested', rec);
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
    this.tally.add(rec, 'agent.acceptHist', `${agentId}|${acceptBucket(ms)}`);
    this.outbox.add('livechat.connected', rec, { agentId });
  }

  /** Nobody took the chat (a fallback, whatever its reason). */
  missed(rec: ConversationRecord, reason: string): void {
    this.tally.add(rec, 'chat', 'missed');
    this.tally.add(rec, 'conv', 'missed');
    this.outbox.add('livechat.missed', rec, { reason });
  }

  /** The conversation is over. `conversation.ended` gets its transcript when it is sent. */
  ended(rec: ConversationRecord, reason: EndReason): void {
    const outcome = outcomeOf('ended', reason);
    if (outcome === 'completed' || outcome === 'dropped') this.tally.add(rec, 'conv', outcome);
    this.outbox.add('conversation.ended', rec, { outcome, reason });
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
