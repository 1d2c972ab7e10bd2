import { CONDITION_OPS, type Condition, type ConditionOp } from '../../../shared/conditions/schema.ts';
import type { Team } from '../api/types.ts';
import { useT } from '../i18n/I18nProvider.tsx';

type Group = { all: Condition[] } | { any: Condition[] };
const NO_VALUE: ConditionOp[] = ['isEmpty', 'isNotEmpty'];
const MAX_DEPTH = 3;

export interface BuilderContext {
  attributes: { name: string; label: string }[];
  teams: Team[];
}

/**
 * Edits a condition of the shared condition language (the same as the `condition` card): a group of "all of" /
 * "any of" with attribute comparisons, "agents are available" tests and nested groups.
 */
export function ConditionBuilder({
  value,
  onChange,
  ctx,
  depth = 0,
}: {
  value: Condition;
  onChange(c: Condition): void;
  ctx: BuilderContext;
  depth?: number;
}) {
  const t = useT();
  if (!isGroup(value)) return <Leaf value={value} onChange={onChange} ctx={ctx} />;
  const mode = 'all' in value ? 'all' : 'any';
  const children = 'all' in value ? value.all : value.any;
  const set = (list: Condition[], m: 'all' | 'any' = mode) => onChange(m === 'all' ? { all: list } : { any: list });
  return (
    <div className={`cond-group depth-${depth}`} data-tributary="condition-group">
      <div className="cond-group-head">
        <select value={mode} onChange={(e) => set(children, e.target.value as 'all' | 'any')} aria-label={t('when')}>
          <option value="all">{t('matchAll')}</option>
          <option value="any">{t('matchAny')}</option>
        </select>
      </div>
      <ul className="cond-list">
        {children.map((child, i) => (
          <li key={i} className="cond-row">
            <ConditionBuilder
              value={child}
              ctx={ctx}
              depth={depth + 1}
              onChange={(c) => set(children.map((x, j) => (j === i ? c : x)))}
            />
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() => set(children.filter((_, j) => j !== i))}
              aria-label={t('removeCondition')}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="cond-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set([...children, newLeaf(ctx)])}
          data-tributary="add-condition"
        >
          + {t('addCondition')}
        </button>
        {depth < MAX_DEPTH ? (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => set([...children, { any: [newLeaf(ctx)] }])}
          >
            + {t('addGroup')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function Leaf({
  value,
  onChange,
  ctx,
}: {
  value: Exclude<Condition, Group>;
  onChange(c: Condition): void;
  ctx: BuilderContext;
}) {
  const t = useT();
  const kind = 'agentsAvailable' in value ? 'agents' : 'attribute';
  const switchKind = (k: string) => onChange(k === 'agents' ? { agentsAvailable: true } : newLeaf(ctx));
  return (
    <div className="cond-leaf" data-tributary="condition">
      <select
        value={kind}
        onChange={(e) => switchKind(e.target.value)}
        aria-label={t('attribute')}
        className="cond-kind"
      >
        <option value="attribute">{t('attribute')}</option>
        <option value="agents">{t('agentsAvailable')}</option>
      </select>
      {'agentsAvailable' in value ? (
        <select
          value={value.teamId ?? ''}
          onChange={(e) =>
            onChange(e.target.value ? { agentsAvailable: true, teamId: e.target.value } : { agentsAvailable: true })
          }
          aria-label={t('inTeam')}
        >
          <option value="">{t('anyTeam')}</option>
          {ctx.teams.map((tm) => (
            <option key={tm.id} value={tm.id}>
              {t('inTeam')}: {tm.name}
            </option>
          ))}
        </select>
      ) : (
        <>
          <select
            value={value.attribute}
            onChange={(e) => onChange({ ...value, attribute: e.target.value })}
            aria-label={t('attribute')}
            data-tributary="condition-attribute"
          >
            {ctx.attributes.some((a) => a.name === value.attribute) ? null : (
              <option value={value.attribute}>{value.attribute}</option>
            )}
            {ctx.attributes.map((a) => (
              <option key={a.name} value={a.name}>
                {a.label}
              </option>
            ))}
          </select>
          <select
            value={value.op}
            onChange={(e) => {
              const op = e.target.value as ConditionOp;
              onChange(
                NO_VALUE.includes(op) ? { attribute: value.attribute, op } : { ...value, op, value: value.value ?? '' },
              );
            }}
            aria-label="operator"
            data-tributary="condition-op"
          >
            {CONDITION_OPS.map((op) => (
              <option key={op} value={op}>
                {t(`op_${op}`)}
              </option>
            ))}
          </select>
          {NO_VALUE.includes(value.op) ? null : (
            <input
              value={value.value === undefined ? '' : String(value.value)}
              onChange={(e) => onChange({ ...value, value: e.target.value })}
              placeholder={t('value')}
              aria-label={t('value')}
              inputMode={value.op === 'greaterThan' || value.op === 'lessThan' ? 'decimal' : undefined}
              data-tributary="condition-value"
            />
          )}
        </>
      )}
    </div>
  );
}

export function isGroup(c: Condition): c is Group {
  return 'all' in c || 'any' in c;
}

function newLeaf(ctx: BuilderContext): Condition {
  return { attribute: ctx.attributes[0]?.name ?? 'email', op: 'is', value: '' };
}

/** Rules are edited as a group even when stored as a single comparison; saving unwraps a one-item "all of". */
export function asGroup(c: Condition): Condition {
  return isGroup(c) ? c : { all: [c] };
}

export function simplify(c: Condition): Condition {
  if ('all' in c && c.all.length === 1) return simplify(c.all[0]);
  return c;
}
