import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { FieldWidget, WidgetKind } from '../../shared/cards/fieldMeta.ts';
import type { FieldIssues } from '../cards/cardView.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** What the generated form passes to the widget of one field. */
export interface WidgetProps<W extends FieldWidget = FieldWidget> {
  widget: W;
  /** The dotted path of the field in the card's data (`prompt`, `answers.0.label`): `data-field` of text inputs. */
  field: string;
  /** Label and help text in the editor's current language. */
  label: string;
  help?: string;
  /** In a list row: label for screen readers and as placeholder only. */
  compact: boolean;
  /** The field's value as stored (it may be missing or invalid while the user types). */
  value: unknown;
  /** The field may be absent: `onChange(undefined)` removes it. */
  optional: boolean;
  /** The field's schema without optional/default wrappers. */
  schema: z.ZodType;
  onChange(next: unknown): void;
  /** The schema issue at this field, and all of the card's issues (for nested fields). */
  error?: string;
  issues: FieldIssues;
  attributes: readonly string[];
  workspace: Workspace;
  /** The generated form itself, for widgets that hold fields of their own (list items). */
  Form: ComponentType<FormProps>;
}

/** The generated form of an object schema's fields (a card's data, or one list item). */
export interface FormProps {
  schema: z.ZodType;
  data: Record<string, unknown>;
  onChange(next: Record<string, unknown>): void;
  issues: FieldIssues;
  attributes: readonly string[];
  workspace: Workspace;
  /** Path of `data` in the card's data ('' for the card itself). */
  path?: string;
  compact?: boolean;
}

/** The props of the renderer of one widget kind. */
export type PropsOf<K extends WidgetKind> = WidgetProps<Extract<FieldWidget, { kind: K }>>;
