/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { repromptFor, repromptText } from '../../../shared/cards/reprompts.ts';
import type { TranscriptItem } from '../../../shared/protocol/common.ts';
import { Avatar } from './Avatar.tsx';
import { deliveryOf, type Conversation } from './conversation.ts';
import { Icon } from './icons.tsx';
import { isBotItem } from './items.ts';
import { LookContext } from './look.ts';
import type { Strings } from './strings.ts';

export interface EntryProps {
  item: TranscriptItem;
  prev: TranscriptItem | undefined;
  /** The entry after this one (a refused reply's re-prompt is worded from the ask that follows it). */
  next?: TranscriptItem | undefined;
  conv: Conversation;
  t: Strings;
  origin: string;
  /** The visitor's latest live-chat message: the one that shows its delivery state. */
  showState: boolean;
}

/** One transcript entry. Every bubble (bot, agent, visitor) carries `data-tributary="message"`; text is text. */
export function Entry({ item, prev, next, conv, t, origin, showState }: EntryProps) {
  const { lang } = useContext(LookContext);
  // The bot's picture marks the first of its consecutive entries.
  const face = !prev || !isBotItem(prev);
  switch (item.type) {
    case 'bot':
    case 'fallback':
      return <Bot face={face}>{item.text}</Bot>;
    case 'invalid':
      // Stored in English; shown in the page's language, worded from the ask it re-asks (never a raw code).
      return (
        <Bot warn face={face}>
          {next?.type === 'ask' && next.cardId === item.cardId ? repromptText(repromptFor(next), lang) : item.message}
        </Bot>
      );
    case 'ask':
      // After a refused reply the same ask comes again; its prompt was just said, so only the re-prompt shows.
      return prev?.type === 'invalid' && prev.cardId === item.cardId ? null : <Bot face={face}>{item.prompt}</Bot>;
    case 'document':
      return <Document name={item.name} url={item.url} t={t} face={face} />;
    case 'visitor':
      return <Me meta={showState ? t[deliveryOf(conv, item)] : undefined}>{item.text}</Me>;
    case 'agent': {
      const first = prev?.type !== 'agent' || prev.agent.id !== item.agent.id;
      return (
        <div class="row">
          <Avatar agent={item.agent} origin={origin} small />
          <div class="stack">
            {first && <span class="label">{item.agent.name}</span>}
            <div class="bubble" data-tributary="message">
              {item.text}
            </div>
          </div>
        </div>
      );
    }
    case 'waiting':
      return (
        <div class="system">
          {conv.status === 'waiting' && <span class="spinner" aria-hidden="true" />}
          {conv.status === 'waiting' && conv.place ? (
            <span data-tributary="queue">
              {t.queued(conv.place.position, Math.max(1, Math.round(conv.place.estimatedWaitSec / 60)))}
            </span>
          ) : (
            t.connecting
          )}
        </div>
      );
    case 'agentJoined':
      return (
        <div class="system">
          <Avatar agent={item.agent} origin={origin} small />
          {t.joined(item.agent.name)}
        </div>
      );
    case 'chatEnded':
      return <div class="system">{t.chatEnded}</div>;
    case 'ended':
      return <div class="system">{t.ended}</div>;
    case 'note':
      return null;
    default: {
      const never: never = item;
      throw new Error(`unknown transcript item ${JSON.stringify(never)}`);
    }
  }
}

export function Bot({ children, warn, face }: { children: ComponentChildren; warn?: boolean; face?: boolean }) {
  const { botName } = useContext(LookContext).appearance;
  return (
    <div class="row">
      <Face show={face} />
      <div class="stack">
        {face && botName && <span class="label">{botName}</span>}
        <div class={warn ? 'bubble warn' : 'bubble'} data-tributary="message">
          {children}
        </div>
      </div>
    </div>
  );
}

export function Me({ children, meta, pending }: { children: ComponentChildren; meta?: string; pending?: boolean }) {
  return (
    <div class="row me">
      <div class="stack">
        <div class={pending ? 'bubble pending' : 'bubble'} data-tributary="message">
          {children}
        </div>
        {meta && <span class="meta">{meta}</span>}
      </div>
    </div>
  );
}

/** A document card. Only https links are followed (SPEC §2); anything else shows its name without a link. */
function Document({ name, url, t, face }: { name: string; url: string; t: Strings; face: boolean }) {
  const safe = /^https:\/\//i.test(url);
  return (
    <div class="row">
      <Face show={face} />
      <div class="doc" data-tributary="message">
        <span class="ic">
          <Icon name="doc" />
        </span>
        <div class="stack">
          <span class="t">{name}</span>
          {safe && (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {t.openDocument} ↗
            </a>
          )}
        </div>
      </div>
    </div>
  );
}

/** The bot's small picture beside a bubble, or the same space left empty so bubbles line up. */
function Face({ show }: { show?: boolean }) {
  return show ? <Avatar agent={null} origin="" small /> : <span class="gap" />;
}
