import type { TranscriptItem } from '../../../shared/protocol/common.ts';

/**
 * Every transcript item type the widget knows, and who says it: the one place a new item type is added in the widget
 * (typed by the protocol's union, so a type missing here does not compile). `Entry` draws each type; the bot's entries
 * wait for a short typing delay and carry the bot's face.
 */
export const ITEM_SPEAKER: { readonly [K in TranscriptItem['type']]: 'bot' | 'visitor' | 'agent' | 'system' } = {
  bot: 'bot',
  ask: 'bot',
  invalid: 'bot',
  document: 'bot',
  fallback: 'bot',
  visitor: 'visitor',
  agent: 'agent',
  waiting: 'system',
  agentJoined: 'system',
  chatEnded: 'system',
  ended: 'system',
  // Agents' internal notes never reach a visitor's socket (VisitorItem has none); listed for the type only.
  note: 'system',
};

/** Entries the bot says (and "types": they wait for a short delay before they show). */
export const isBotItem = (item: Pick<TranscriptItem, 'type'>): boolean => ITEM_SPEAKER[item.type] === 'bot';
