import { ROUTING_MODES, TEAM_STRATEGIES, type RoutingMode } from '../../../shared/routing/schema.ts';
import type { Routing } from '../../../shared/routing/types.ts';
import { useT } from '../../i18n/I18n.tsx';
import { Field } from '../../ui/Field.tsx';
import type { PropsOf } from '../widgetProps.ts';

/** A live-chat routing: the mode (SPEC §4), and the agent or team it names, from the workspace. */
export function RoutingWidget({ field, label, value, onChange, issues, workspace }: PropsOf<'routing'>) {
  const t = useT();
  const routing = (value ?? { mode: 'roundRobin' }) as Routing;
  const setMode = (mode: RoutingMode) =>
    onChange(
      mode === 'agent'
        ? { mode, agentId: workspace.agents[0]?.id ?? '' }
        : mode === 'team'
          ? { mode, teamId: workspace.teams[0]?.id ?? '' }
          : { mode },
    );
  return (
    <>
      <fieldset className="group">
        <legend>{label}</legend>
        {ROUTING_MODES.map((mode) => (
          <label className="radio" key={mode}>
            <input type="radio" name={field} checked={routing.mode === mode} onChange={() => setMode(mode)} />
            {t(`inspector.routingMode.${mode}`)}
          </label>
        ))}
      </fieldset>
      {routing.mode === 'agent' ? (
        <Field label={t('inspector.agent')} error={issues.get(`${field}.agentId`)}>
          {(id) => (
            <select
              id={id}
              className="input"
              data-field={`${field}.agentId`}
              value={routing.agentId}
              onChange={(e) => onChange({ mode: 'agent', agentId: e.target.value })}
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
        <Field label={t('inspector.team')} error={issues.get(`${field}.teamId`)}>
          {(id) => (
            <select
              id={id}
              className="input"
              data-field={`${field}.teamId`}
              value={routing.teamId}
              onChange={(e) => onChange({ ...routing, teamId: e.target.value })}
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
      {routing.mode === 'team' ? (
        <Field label={t('inspector.teamStrategy')}>
          {(id) => (
            <select
              id={id}
              className="input"
              data-field={`${field}.strategy`}
              value={routing.strategy ?? 'rotation'}
              onChange={(e) => {
                const { teamId } = routing;
                const strategy = e.target.value as (typeof TEAM_STRATEGIES)[number];
                // The default strategy is left out, so a card that rotates reads as it always has.
                onChange(strategy === 'balanced' ? { mode: 'team', teamId, strategy } : { mode: 'team', teamId });
              }}
            >
              {TEAM_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {t(`inspector.teamStrategy.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}
