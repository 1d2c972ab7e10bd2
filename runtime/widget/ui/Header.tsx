/** @jsxImportSource preact */
import { useContext } from 'preact/hooks';
import type { Controller } from './controller.ts';
import { Avatar } from './Avatar.tsx';
import { Icon } from './icons.tsx';
import { LookContext } from './look.ts';
import type { Strings } from './strings.ts';
import type { View } from './viewStore.ts';

/**
 * The panel's title bar: who the visitor talks to (the appearance's title and the bot's picture, or the agent's
 * name and picture), "Talk to a person" while the bot runs (when the stream has such a card), end chat, the
 * transcript by email (once a conversation exists), close. An empty title or subtitle shows the widget's own words in the page's language.
 */
export function Header({
  v,
  t,
  ctl,
  origin,
  titleId,
}: {
  v: View;
  t: Strings;
  ctl: Controller;
  origin: string;
  titleId: string;
}) {
  const { appearance: a } = useContext(LookContext);
  const { status, agent } = v.conv;
  const live = status === 'live' && agent;
  const sub = live ? t.live : status === 'waiting' ? t.connectingTitle : a.subtitle || t.subtitle;
  return (
    <header class="head">
      <Avatar agent={live ? agent : null} origin={origin} />
      <div class="who">
        <div class="name" id={titleId}>
          {live ? agent.name : a.title || t.title}
        </div>
        <div class="sub">
          {(live || status === 'waiting') && <span class={live ? 'dot' : 'dot wait'} aria-hidden="true" />}
          {sub}
        </div>
      </div>
      {status === 'bot' && v.conv.talkToPerson && (
        <button
          type="button"
          class="end"
          data-tributary="talk-to-person"
          disabled={!!v.asking}
          onClick={() => ctl.talkToPerson()}
        >
          {t.talkToPerson}
        </button>
      )}
      {(status === 'live' || status === 'waiting') && (
        <button type="button" class="end" onClick={() => ctl.endChat()}>
          {t.endChat}
        </button>
      )}
      {v.conv.id && (
        <button
          type="button"
          class="icon-btn"
          data-tributary="transcript-email"
          aria-label={t.emailTranscript}
          title={t.emailTranscript}
          disabled={v.mail?.state === 'sending'}
          onClick={() => ctl.emailTranscript()}
        >
          <Icon name="mail" />
        </button>
      )}
      <button type="button" class="icon-btn" aria-label={t.close} title={t.close} onClick={() => ctl.close()}>
        <Icon name="chevron" />
      </button>
    </header>
  );
}
