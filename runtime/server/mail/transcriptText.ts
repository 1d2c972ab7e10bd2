import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import type { ConversationRecord } from '../store/conversations.ts';
import type { Mail } from './mailer.ts';

/**
 * The email a visitor gets with their transcript: what they saw, in order, as plain text (times in UTC, since
 * the visitor's zone is not known here). What only agents see is never part of it.
 */
export function transcriptText(rec: Pick<ConversationRecord, 'id' | 'startedAt'>, items: TranscriptItem[]): Mail {
  const lines = transcriptLines(items, 'You');
  return {
    subject: `Your conversation of ${day(rec.startedAt)}`,
    text: `Here is the transcript of your conversation (${rec.id}) as you asked.\n\n${lines.join('\n')}\n`,
  };
}

/** What the visitor saw, one line per entry with its time (UTC); the visitor's own lines under `visitor`. */
export function transcriptLines(items: TranscriptItem[], visitor: string): string[] {
  const lines: string[] = [];
  for (const i of items) {
    const line = lineOf(i, visitor);
    if (line) lines.push(`[${time(i.at)}] ${line}`);
  }
  return lines;
}

function lineOf(i: TranscriptItem, visitor: string): string | undefined {
  switch (i.type) {
    case 'bot':
      return `Bot: ${i.text}`;
    case 'ask':
      return `Bot: ${i.prompt}`;
    case 'invalid':
      return `Bot: ${i.message}`;
    case 'document':
      return `Bot: ${i.name} <${i.url}>`;
    case 'visitor':
      return `${visitor}: ${i.text}`;
    case 'agent':
      return `${i.agent.name}: ${i.text}`;
    case 'agentJoined':
      return `${i.agent.name} joined the chat`;
    case 'fallback':
      return `Bot: ${i.text}`;
    case 'chatEnded':
      return 'The chat ended';
    case 'waiting':
    case 'ended':
      return undefined;
    default:
      return undefined;
  }
}

const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
