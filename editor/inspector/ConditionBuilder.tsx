import { CONDITION_OPS, type Condition, type ConditionOp } from '../../shared/conditions/schema.ts';
import { useT, type Translate } from '../i18n/I18n.tsx';
import { TextField } from '../ui/Field.tsx';
import { Icon } from '../ui/Icon.tsx';
import { icons } from '../ui/icons.ts';
import type { Workspace } from '../workspace/workspace.ts';

type Kind = 'attribute' | 'agents' | 'all' | 'any';

function kindOf(c: Condition): Kind {
  if ('all' in c) return 'all';
  if ('any' in c) return 'any';
  if ('agentsAvailable' in c) return 'agents';
  return 'attribute';
}

const NO_VALUE: ConditionOp[] = ['isEmpty', 'isNotEmpty'];

/** A short human reading of a condition, for the port chips on the canvas. */
export function conditionSummary(c: Condition | undefined, t: Translate, ws?: Workspace): string {
  if (!c || typeof c !== 'object') return '?';
  if ('all' in c) return c.all.map((x) => conditionSummary(x, t, ws)).join(' & ') || t('cond.all');
  if ('any' in c) return c.any.map((x) => conditionSummary(x, t, ws)).join(' | ') || t('cond.any');
  if ('agentsAvailable' in c) {
    const team = c.teamId ? (ws?.teams.find((x) => x.id === c.teamId)?.name ?? c.teamId) : undefined;
    return team ? `${t('cond.agents')} (${team})` : t('cond.agents');
  }
  const op = CONDITION_OPS.includes(c.op) ? t(`cond.op.${c.op}`) : String(c.op);
  return NO_VALUE.includes(c.op) ? `${c.attribute} ${op}` : `${c.attribute} ${op} ${c.value ?? ''}`;
}

/** Edits one condition of the condition language (SPEC §2), nesting `all` / `any` groups. */
export function ConditionBuilder({
  value,
  onChange,
  attributes,
  workspace,
  field,
  depth = 0,
}: {
  value: Condition;
  onChange(next: Condition): void;
  attributes: readonly string[];
  workspace: Workspace;
  /** The dotted path of this condition in the card's data (`branches.0.when`), for the text input's `data-field`. */
  field: string;
  depth?: number;
}) {
  const t = useT();
  const kind = kindOf(value);
  const setKind = (k: Kind) => {
    if (k === kind) return;
    if (k === 'attribute') onChange({ attribute: 'email', op: 'isNotEmpty' });
    else if (k === 'agents') onChange({ agentsAvailable: true });
    else onChange(k === 'all' ? { all: [value] } : { any: [value] });
  };
  return (
    <div className={'cond' + (depth ? ' cond--nested' : '')}>
      <select
        className="input input--small"
        aria-label={t('cond.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        <option value="attribute">{t('cond.attribute')}</option>
        <option value="agents">{t('cond.agents')}</option>
        <option value="all">{t('cond.all')}</option>
        <option value="any">{t('cond.any')}</option>
      </select>
      {'attribute' in value ? (
        <div className="cond__row">
          <TextField
            field={`${field}.attribute`}
            label={t('inspector.attribute')}
            hideLabel
            value={value.attribute ?? ''}
            suggestions={attributes}
            onChange={(a) => onChange({ ...value, attribute: a })}
          />
          <select
            className="input"
            aria-label={t('condition.operator')}
            value={value.op}
            onChange={(e) => {
              const op = e.target.value as ConditionOp;
              const { value: v, ...rest } = value;
              onChange(NO_VALUE.includes(op) ? { ...rest, op } : { ...rest, op, value: v ?? '' });
            }}
          >
            {CONDITION_OPS.map((op) => (
              <option key={op} value={op}>
                {t(`cond.op.${op}`)}
              </option>
            ))}
          </select>
          {NO_VALUE.includes(value.op) ? null : (
            <TextField
              field={`${field}.value`}
              label={t('inspector.value')}
              hideLabel
              value={String(value.value ?? '')}
              inputMode={value.op === 'greaterThan' || value.op === 'lessThan' ? 'decimal' : undefined}
              onChange={(v) => onChange({ ...value, value: v })}
            />
          )}
        </div>
      ) : null}
      {'agentsAvailable' in value ? (
        <select
          className="input"
          aria-label={t('inspector.team')}
          value={value.teamId ?? ''}
          onChange={(e) =>
            onChange(e.target.value ? { agentsAvailable: true, teamId: e.target.value } : { agentsAvailable: true })
          }
        >
          <option value="">{t('cond.anyTeam')}</option>
          {workspace.teams.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      ) : null}
      {'all' in value || 'any' in value ? (
        <GroupEditor
          value={value}
          onChange={onChange}
          attributes={attributes}
          workspace={workspace}
          field={field}
          depth={depth}
        />
      ) : null}
    </div>
  );
}

function GroupEditor({
  value,
  onChange,
  attributes,
  workspace,
  field,
  depth,
}: {
  value: { all: Condition[] } | { any: Condition[] };
  onChange(next: Condition): void;
  attributes: readonly string[];
  workspace: Workspace;
  field: string;
  depth: number;
}) {
  const t = useT();
  const key = 'all' in value ? 'all' : 'any';
  const list: Condition[] = 'all' in value ? value.all : value.any;
  const set = (next: Condition[]) => onChange(key === 'all' ? { all: next } : { any: next });
  return (
    <div className="cond__group">
      {list.map((c, i) => (
        <div className="cond__item" key={i}>
          <ConditionBuilder
            value={c}
            attributes={attributes}
            workspace={workspace}
            field={`${field}.${key}.${i}`}
            depth={depth + 1}
            onChange={(n) => set(list.map((x, j) => (j === i ? n : x)))}
          />
          <button
            type="button"
            className="icon-btn icon-btn--danger"
            title={t('inspector.remove')}
            onClick={() => set(list.filter((_, j) => j !== i))}
          >
            <Icon path={icons.trash} size={14} />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn--ghost btn--small"
        onClick={() => set([...list, { attribute: 'email', op: 'isNotEmpty' }])}
      >
        <Icon path={icons.plus} size={14} /> {t('cond.addRule')}
      </button>
    </div>
  );
}
