import { z } from 'zod';

/** UI text in each language the apps speak (the editor picks one with its i18n's current language). */
export interface LocalText {
  readonly en: string;
  readonly ko: string;
}

/**
 * How the editor's inspector edits one field of a card's data. The generic widgets cover most cards; `routing` and
 * `condition` are the product's own pickers. Each kind has exactly one renderer in the editor
 * (editor/inspector/widgets.ts, typed so that a kind without a renderer does not compile).
 */
export type FieldWidget =
  /** A text box (one line, or `rows` lines); `tokens` adds the `{{attribute}}` picker. */
  | { kind: 'text'; tokens?: boolean; rows?: number; inputType?: 'text' | 'url'; placeholder?: string }
  /** A list of strings edited one per line. */
  | { kind: 'lines'; rows?: number }
  | { kind: 'checkbox' }
  /** One of a fixed set of values (an optional field adds "none"). */
  | { kind: 'choice'; options: readonly { value: string | number; label: LocalText }[] }
  /** A profile attribute name: a known one or a new one. */
  | { kind: 'attribute' }
  /**
   * An ordered list of objects whose fields carry their own metadata; each item has an `id` (its port name) that
   * the editor generates as `idPrefix` + number. `row` lays an item's fields side by side, `block` stacks them
   * under the title `itemTitle` (`{n}` is the item's number).
   */
  | {
      kind: 'list';
      idPrefix: string;
      add: LocalText;
      layout: 'row' | 'block';
      itemTitle?: LocalText;
      newItem(id: string): Record<string, unknown>;
    }
  /** A live-chat routing (mode, and the agent or team it names). */
  | { kind: 'routing' }
  /** A condition (SPEC §2 conditions), with the builder for `all`/`any` groups. */
  | { kind: 'condition' };

export type WidgetKind = FieldWidget['kind'];

/** What the inspector shows for one field: its label, help text and widget; shown only while `visibleWhen` holds. */
export interface FieldMeta {
  label: LocalText;
  help?: LocalText;
  widget: FieldWidget;
  /** Receives the card's whole data (it may be invalid while the user types). */
  visibleWhen?(data: any): boolean;
}

/**
 * The registry that card schemas attach their fields' metadata to (`z.string().register(fieldMeta, {...})`), as
 * typebot's forge does with its `layout`. The editor generates each card's inspector from it.
 */
export const fieldMeta = z.registry<FieldMeta>();

/** One field of a card's data as the inspector sees it. */
export interface FormField {
  key: string;
  meta: FieldMeta;
  /** The field may be absent: an empty text or "none" removes it from the data. */
  optional: boolean;
  /** The field's schema without its optional/default wrappers (a list's element schema is its `element`). */
  schema: z.ZodType;
}

/**
 * The fields of an object schema that carry metadata, in the schema's order. Fields without metadata (a list
 * item's `id`) are not edited by the form. Metadata may sit on the field or inside its optional/default wrapper.
 */
export function formFields(schema: z.ZodType): FormField[] {
  const shape = objectShape(schema);
  if (!shape) return [];
  const out: FormField[] = [];
  for (const [key, field] of Object.entries(shape)) {
    let s: z.ZodType = field;
    let meta = fieldMeta.get(s);
    let optional = false;
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) {
      if (s instanceof z.ZodOptional) optional = true;
      s = s.unwrap() as z.ZodType;
      meta ??= fieldMeta.get(s);
    }
    if (meta) out.push({ key, meta, optional, schema: s });
  }
  return out;
}

/** The element schema of a list field (for its items' fields). */
export function listElement(schema: z.ZodType): z.ZodType | undefined {
  return schema instanceof z.ZodArray ? (schema.element as z.ZodType) : undefined;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : undefined;
}
