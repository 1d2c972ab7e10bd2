import { getCard, type CardType } from '../../shared/cards/index.ts';
import type { LocalText } from '../../shared/cards/fieldMeta.ts';
import { actionView } from './actionView.tsx';
import { captureView } from './captureView.tsx';
import type { CardView } from './cardView.ts';
import { conditionView } from './conditionView.tsx';
import { documentView } from './documentView.tsx';
import { genericView } from './genericView.tsx';
import { goalView } from './goalView.tsx';
import { liveChatView } from './liveChatView.tsx';
import { messageView } from './messageView.tsx';
import { questionView } from './questionView.tsx';

/** The card types with a view of their own; any other card type of the catalog gets the generic view. */
export const cardViews: { [T in CardType]?: CardView<T> } = {
  message: messageView,
  question: questionView,
  capture: captureView,
  liveChat: liveChatView,
  goal: goalView,
  condition: conditionView,
  action: actionView,
  document: documentView,
};

const generic = new Map<string, CardView<any>>();

/** How a card type is drawn: its own view, the generic one for a catalog type without one, undefined when unknown. */
export function viewOf(type: string): CardView<any> | undefined {
  const own = (cardViews as Record<string, CardView<any> | undefined>)[type];
  if (own) return own;
  if (!getCard(type)) return undefined;
  let view = generic.get(type);
  if (!view) generic.set(type, (view = genericView(type)));
  return view;
}

/** A card type's name (its definition's `title`), undefined when the type is unknown. */
export const cardTitle = (type: string): LocalText | undefined => getCard(type)?.title;
