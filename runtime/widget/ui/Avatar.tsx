/** @jsxImportSource preact */
import { useContext, useState } from 'preact/hooks';
import type { AgentCard } from '../../../shared/protocol/common.ts';
import { Icon } from './icons.tsx';
import { LookContext } from './look.ts';

/**
 * An agent's profile picture (SPEC §4), or their initials when there is none or it fails to load; the bot when
 * there is no agent (the appearance's bot picture, or the bot icon). Picture URLs may be relative to the runtime;
 * only http(s) pictures are shown.
 */
export function Avatar({ agent, origin, small }: { agent: AgentCard | null; origin: string; small?: boolean }) {
  const [broken, setBroken] = useState(false);
  const look = useContext(LookContext);
  const cls = small ? 'avatar sm' : 'avatar';
  if (!agent) {
    const bot = pictureUrl(look.appearance.botAvatarUrl, look.origin || origin);
    return (
      <span class={cls} aria-hidden="true">
        {bot && !broken ? <img src={bot} alt="" onError={() => setBroken(true)} /> : <Icon name="bot" />}
      </span>
    );
  }
  const src = pictureUrl(agent.avatarUrl, origin);
  return (
    <span class={cls} aria-hidden="true">
      {src && !broken ? <img src={src} alt="" onError={() => setBroken(true)} /> : initials(agent.name)}
    </span>
  );
}

function pictureUrl(url: string | null, origin: string): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}
