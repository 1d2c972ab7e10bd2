import { useLocalText } from '../../i18n/useLocalText.ts';
import { Icon } from '../../ui/Icon.tsx';
import { icons } from '../../ui/icons.ts';
import { listElement } from '../../../shared/cards/fieldMeta.ts';
import { freshId, ListControls, moveItem } from '../ListControls.tsx';
import type { PropsOf } from '../widgetProps.ts';

type Item = Record<string, unknown> & { id?: string };

/**
 * An ordered list of objects (question answers, condition branches): each item's fields come from the element
 * schema's metadata, with move/remove controls; new items get a fresh id (`a3`, `b2`).
 */
export function ListWidget(props: PropsOf<'list'>) {
  const { widget, field, label, help, value, schema, onChange, error, issues, attributes, workspace, Form } = props;
  const local = useLocalText();
  const items: Item[] = Array.isArray(value) ? (value as Item[]) : [];
  const element = listElement(schema);
  const set = (next: Item[]) => onChange(next);
  const block = widget.layout === 'block';
  return (
    <fieldset className="group">
      <legend>{label}</legend>
      {error ? <div className="field__error">{error}</div> : null}
      {items.map((item, i) => {
        const controls = (
          <ListControls
            index={i}
            count={items.length}
            onMove={(from, to) => set(moveItem(items, from, to))}
            onRemove={(j) => set(items.filter((_, k) => k !== j))}
          />
        );
        const form = element ? (
          <Form
            schema={element}
            data={item && typeof item === 'object' ? item : {}}
            path={`${field}.${i}`}
            compact={!block}
            issues={issues}
            attributes={attributes}
            workspace={workspace}
            onChange={(next) => set(items.map((x, j) => (j === i ? next : x)))}
          />
        ) : null;
        return block ? (
          <div className="list-row list-row--block" key={item?.id ?? i}>
            <div className="list-row__head">
              <strong>{widget.itemTitle ? local(widget.itemTitle, { n: i + 1 }) : i + 1}</strong>
              {controls}
            </div>
            {form}
          </div>
        ) : (
          <div className="list-row" key={item?.id ?? i}>
            <div className="list-row__main">{form}</div>
            {controls}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn--ghost btn--small"
        onClick={() =>
          set([
            ...items,
            widget.newItem(
              freshId(
                widget.idPrefix,
                items.map((x) => String(x?.id ?? '')),
              ),
            ),
          ])
        }
      >
        <Icon path={icons.plus} size={14} /> {local(widget.add)}
      </button>
      {help ? <p className="field__hint">{help}</p> : null}
    </fieldset>
  );
}
