import type { ComponentType } from 'react';
import type { WidgetKind } from '../../shared/cards/fieldMeta.ts';
import { AttributeWidget } from './widgets/AttributeWidget.tsx';
import { CheckboxWidget } from './widgets/CheckboxWidget.tsx';
import { ChoiceWidget } from './widgets/ChoiceWidget.tsx';
import { ConditionWidget } from './widgets/ConditionWidget.tsx';
import { LinesWidget } from './widgets/LinesWidget.tsx';
import { ListWidget } from './widgets/ListWidget.tsx';
import { RoutingWidget } from './widgets/RoutingWidget.tsx';
import { TextWidget } from './widgets/TextWidget.tsx';
import type { PropsOf } from './widgetProps.ts';

/**
 * The renderer of each widget kind card schemas may name (shared/cards/fieldMeta.ts). Typed by `WidgetKind`: a
 * kind without a renderer does not compile.
 */
export const widgets: { [K in WidgetKind]: ComponentType<PropsOf<K>> } = {
  text: TextWidget,
  lines: LinesWidget,
  checkbox: CheckboxWidget,
  choice: ChoiceWidget,
  attribute: AttributeWidget,
  list: ListWidget,
  routing: RoutingWidget,
  condition: ConditionWidget,
};
