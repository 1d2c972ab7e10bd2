import type { Availability, Chat, ChatMessage, ConnectionState, Delivery, LiveState, Offer } from './types.ts';

/** Everything that changes the inbox's live state: what the server said, and what the agent did. */
export type LiveEvent =
  | { type: 'connection'; state: ConnectionState }
  | {
      type: 'hello';
      me: NonNullable<LiveState['me']>;
      status: Availability;
      maxChats: number;
      acceptTimeoutSec: number;
      chats: Chat[];
      offers: Offer[];
    }
  | { type: 'status'; status: Availability }
  | { type: 'settings'; maxChats: number; acceptTimeoutSec: number }
  | { type: 'offer'; offer: Offer }
  | { type: 'offerGone'; id: string; reason: 'timeout' | 'declined' | 'withdrawn' | 'accepted' }
  | { type: 'opened'; chat: Chat }
  | { type: 'message'; chatId: string; message: ChatMessage }
  | { type: 'ack'; chatId: string; clientId: string; seq: number }
  | { type: 'typing'; chatId: string; typing: boolean }
  | { type: 'receipt'; chatId: string; upTo: number; state: Delivery }
  | { type: 'ended'; chatId: string; by: 'agent' | 'visitor' | 'system'; message?: ChatMessage }
  | { type: 'error'; code: string; message: string }
  /** A new missed chat of the agent's pool. */
  | { type: 'missed'; chatId: string }
  | {
      type: 'transfer';
      chatId: string;
      state: 'pending' | 'accepted' | 'declined' | 'timeout' | 'withdrawn';
      /** The colleague's name. */
      to: string;
    }
  // local actions
  | { type: 'send'; chatId: string; clientId: string; text: string; at: number; note?: boolean }
  | { type: 'decided'; id: string }
  | { type: 'select'; chatId: string | undefined }
  | { type: 'dismissNotice'; id: string }
  | { type: 'closeChat'; chatId: string };
