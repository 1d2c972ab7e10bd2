import { useState, type DragEvent } from 'react';
import { conditionSchema } from '../../../shared/conditions/schema.ts';
import type { Rule as RoutingRule } from '../api/client.ts';
import type { Agent, Team } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { ConditionBuilder, asGroup, type BuilderContext } from './ConditionBuilder.tsx';

export interface RuleContext extends BuilderContext {
  agents: Pick<Agent, 'id' | 'name'>[];
}

/**
 * The ordered custom rules: the first rule that holds wins, so order matters. Reorder by dragging a rule's handle
 * or with the up/down buttons (keyboard friendly). Used by the rules page and by the what-if page.
 */
export function RuleList({
  rules,
  onChange,
  ctx,
}: {
  rules: RoutingRule[];
  onChange(r: RoutingRule[]): void;
  ctx: RuleContext;
}) {
  const t = useT();
  const [dragging, setDragging] = useState<number | undefined>();
  const [over, setOver] = useState<number | undefined>();

  const move = (from: number, to: number) => {
    if (to < 0 || to >= rules.length || from === to) return;
    const next = rules.slice();
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r);
    onChange(next);
  };
  const update = (i: number, r: RoutingRule) => onChange(rules.map((x, j) => (j === i ? r : x)));
  const add = () =>
    onChange([
      ...rules,
      {
        id: newRuleId(),
        when: { all: [{ attribute: ctx.attributes[0]?.name ?? 'email', op: 'is', value: '' }] },
        route: ctx.teams[0] ? { teamId: ctx.teams[0].id } : { agentId: ctx.agents[0]?.id ?? '' },
      },
    ]);

  const dropProps = (i: number) => ({
    onDragOver: (e: DragEvent) => {
      if (dragging === undefined) return;
      e.preventDefault();
      setOver(i);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      if (dragging !== undefined) move(dragging, i);
      setDragging(undefined);
      setOver(undefined);
    },
  });

  return (
    <div className="rule-list">
      {rules.length === 0 ? <p className="muted">{t('noRules')}</p> : null}
      <ol>
        {rules.map((rule, i) => {
          const problem = ruleProblem(rule);
          return (
            <li
              key={rule.id}
              className={`rule-card${over === i && dragging !== i ? ' drop-target' : ''}${dragging === i ? ' dragging' : ''}`}
              {...dropProps(i)}
              data-tributary="rule"
              data-rule={rule.id}
            >
              <div className="rule-head">
                <span
                  className="drag-handle"
                  draggable
                  title={t('dragToReorder')}
                  aria-label={t('dragToReorder')}
                  onDragStart={(e) => {
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', rule.id);
                    setDragging(i);
                  }}
                  onDragEnd={() => {
                    setDragging(undefined);
                    setOver(undefined);
                  }}
                >
                  ⋮⋮
                </span>
                <strong>{t('rule', { n: i + 1 })}</strong>
                <span className="muted small mono">{rule.id}</span>
                <span className="spacer" />
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => move(i, i - 1)}
                  disabled={i === 0}
                  aria-label={t('moveUp')}
                  data-tributary="rule-up"
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => move(i, i + 1)}
                  disabled={i === rules.length - 1}
                  aria-label={t('moveDown')}
                  data-tributary="rule-down"
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => onChange(rules.filter((_, j) => j !== i))}
                >
                  {t('delete')}
                </button>
              </div>
              <div className="rule-body">
                <div className="rule-label">{t('when')}</div>
                <ConditionBuilder
                  value={asGroup(rule.when)}
                  ctx={ctx}
                  onChange={(when) => update(i, { ...rule, when })}
                />
                <div className="rule-label">{t('routeTo')}</div>
                <RouteEditor rule={rule} ctx={ctx} onChange={(route) => update(i, { ...rule, route })} />
                {problem ? <p className="form-error small">{problem}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={add} data-tributary="add-rule">
        + {t('addRule')}
      </button>
    </div>
  );
}

function RouteEditor({
  rule,
  ctx,
  onChange,
}: {
  rule: RoutingRule;
  ctx: RuleContext;
  onChange(r: RoutingRule['route']): void;
}) {
  const t = useT();
  const kind = 'teamId' in rule.route ? 'team' : 'agent';
  const target = 'teamId' in rule.route ? rule.route.teamId : rule.route.agentId;
  const options = kind === 'team' ? ctx.teams.map((x) => ({ id: x.id, name: x.name })) : ctx.agents;
  return (
    <div className="route-editor">
      <select
        value={kind}
        onChange={(e) =>
          onChange(
            e.target.value === 'team' ? { teamId: ctx.teams[0]?.id ?? '' } : { agentId: ctx.agents[0]?.id ?? '' },
          )
        }
        aria-label={t('routeTo')}
      >
        <option value="team">{t('routeTeam')}</option>
        <option value="agent">{t('routeAgent')}</option>
      </select>
      <select
        value={target}
        onChange={(e) => onChange(kind === 'team' ? { teamId: e.target.value } : { agentId: e.target.value })}
        aria-label={t(kind === 'team' ? 'routeTeam' : 'routeAgent')}
      >
        {options.some((o) => o.id === target) ? null : <option value={target}>{target || '—'}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A readable reason why a rule cannot be saved yet, or undefined. */
export function ruleProblem(rule: RoutingRule): string | undefined {
  const target = 'teamId' in rule.route ? rule.route.teamId : rule.route.agentId;
  if (!target) return 'choose where this rule routes to';
  const r = conditionSchema.safeParse(rule.when);
  if (!r.success) {
    const issue = r.error.issues[0];
    return `${issue?.path.join('.') || 'condition'}: ${issue?.message ?? 'invalid'}`;
  }
  return undefined;
}

function newRuleId(): string {
  return `rule-${Math.random().toString(36).slice(2, 8)}`;
}
