import type { LiveChatRouting } from '../../shared/cards/liveChat.ts';
import type { Translate } from '../i18n/I18n.tsx';
import { icons } from '../ui/icons.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CardView } from './cardView.ts';

/** One line that says where the visitor goes, with names from the workspace. */
export function routingSummary(routing: LiveChatRouting | undefined, ws: Workspace, t: Translate): string {
  switch (routing?.mode) {
    case 'agent':
      return t('card.routing.agent', {
        name: ws.agents.find((a) => a.id === routing.agentId)?.name ?? routing.agentId,
      });
    case 'team':
      return t('card.routing.team', { name: ws.teams.find((x) => x.id === routing.teamId)?.name ?? routing.teamId });
    case 'rules':
      return t('card.routing.rules');
    case 'balanced':
      return t('card.routing.balanced');
    default:
      return t('card.routing.roundRobin');
  }
}

export const liveChatView: CardView<'liveChat'> = {
  color: 'var(--card-liveChat)',
  hex: '#e11d48',
  icon: icons.liveChat,
  Body: ({ data, t, workspace }) => (
    <>
      <p className="card-text">{routingSummary(data.routing, workspace, t)}</p>
      {data.talkToPerson ? <span className="pill">{t('card.talkToPerson')}</span> : null}
    </>
  ),
};
