import type { LiveChatRouting } from '../../shared/cards/liveChat.ts';
import { ROUTING_MODES } from '../../shared/routing/schema.ts';
import { useT, type Translate } from '../i18n/I18n.tsx';
import { Field } from '../ui/Field.tsx';
import { icons } from '../ui/icons.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CardView } from './cardView.ts';
import { issueAt } from './issues.ts';

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
    default:
      return t('card.routing.roundRobin');
  }
}

export const liveChatView: CardView<'liveChat'> = {
  label: 'card.liveChat',
  color: 'var(--card-liveChat)',
  hex: '#e11d48',
  icon: icons.liveChat,
  Body: ({ data, t, workspace }) => <p className="card-text">{routingSummary(data.routing, workspace, t)}</p>,
  Inspector: function LiveChatInspector({ data, onChange, issues, workspace }) {
    const t = useT();
    const routing = data.routing ?? { mode: 'roundRobin' };
    const setMode = (mode: LiveChatRouting['mode']) => {
      const next: LiveChatRouting =
        mode === 'agent'
          ? { mode, agentId: workspace.agents[0]?.id ?? '' }
          : mode === 'team'
            ? { mode, teamId: workspace.teams[0]?.id ?? '' }
            : { mode };
      onChange({ ...data, routing: next });
    };
    return (
      <>
        <fieldset className="group">
          <legend>{t('inspector.routing')}</legend>
          {ROUTING_MODES.map((mode) => (
            <label className="radio" key={mode}>
              <input type="radio" name="routing" checked={routing.mode === mode} onChange={() => setMode(mode)} />
              {t(`inspector.routingMode.${mode}`)}
            </label>
          ))}
        </fieldset>
        {routing.mode === 'agent' ? (
          <Field label={t('inspector.agent')} error={issueAt(issues, 'routing', 'agentId')}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={routing.agentId}
                onChange={(e) => onChange({ ...data, routing: { mode: 'agent', agentId: e.target.value } })}
              >
                <option value="">{t('inspector.chooseAgent')}</option>
                {workspace.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {routing.mode === 'team' ? (
          <Field label={t('inspector.team')} error={issueAt(issues, 'routing', 'teamId')}>
            {(id) => (
              <select
                id={id}
                className="input"
                value={routing.teamId}
                onChange={(e) => onChange({ ...data, routing: { mode: 'team', teamId: e.target.value } })}
              >
                <option value="">{t('inspector.chooseTeam')}</option>
                {workspace.teams.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </>
    );
  },
};
