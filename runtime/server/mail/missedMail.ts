import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { FallbackReason } from '../../../shared/routing/reasons.ts';
import type { Mail } from './mailer.ts';
import { transcriptLines } from './transcriptText.ts';

/** Why nobody took the chat, in words (the routing vocabulary's fallback reasons). */
const REASONS: Record<FallbackReason, string> = {
  'no-eligible-agent': 'no agent was available',
  'no-rule-matched': 'no routing rule matched',
  'accept-timeout': 'nobody accepted the offer in time',
  'trial-limit-reached': "the plan's live chats are used up",
  'queue-timeout': 'the visitor waited in the queue too long',
  'queue-full': 'the queue was full',
  'outside-hours': 'it came outside business hours',
  'rate-limited': 'too many requests came from the visitor’s address',
};

/** The email the agents of the pool get when a chat was missed: who, why, and the conversation so far. */
export function missedChatMail(
  profile: Record<string, string>,
  dialogue: string,
  reason: string,
  items: TranscriptItem[],
): Mail {
  const who = visitorLabel(profile);
  return {
    subject: `Missed chat: ${who}`,
    text: [
      `${who} asked to chat (${dialogue}) and nobody could take it: ${REASONS[reason as FallbackReason] ?? reason}.`,
      'The visitor may leave a message; it will be emailed to you too. Claim the follow-up in the inbox under Missed.',
      '',
      ...transcriptLines(items, name(profile) || 'Visitor'),
      '',
    ].join('\n'),
    ...(profile.email ? { replyTo: profile.email } : {}),
  };
}

/** The email the agents of the pool get with the message a visitor left after a missed chat. */
export function offlineMessageMail(profile: Record<string, string>, message: string, email: string | null): Mail {
  const who = visitorLabel({ ...profile, ...(email ? { email } : {}) });
  return {
    subject: `Message from ${who}`,
    text: [
      `${who} left a message after a missed chat:`,
      '',
      message.replace(/^/gm, '> '),
      '',
      `Reply to ${email ?? profile.email ?? 'the visitor'}, or claim the follow-up in the inbox under Missed.`,
      '',
    ].join('\n'),
    ...((email ?? profile.email) ? { replyTo: email ?? profile.email } : {}),
  };
}

function name(p: Record<string, string>): string {
  return [p.firstName, p.lastName].filter(Boolean).join(' ').trim();
}

function visitorLabel(p: Record<string, string>): string {
  const n = name(p);
  if (n && p.email) return `${n} <${p.email}>`;
  return n || p.email || 'A visitor';
}
