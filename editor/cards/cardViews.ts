import type { CardType } from '../../shared/cards/index.ts';
import { actionView } from './actionView.tsx';
import { captureView } from './captureView.tsx';
import type { CardView } from './cardView.ts';
import { conditionView } from './conditionView.tsx';
import { documentView } from './documentView.tsx';
import { goalView } from './goalView.tsx';
import { liveChatView } from './liveChatView.tsx';
import { messageView } from './messageView.tsx';
import { questionView } from './questionView.tsx';

/** Every card type's view. Typed by the catalog's `CardType`: a card type without a view does not compile. */
export const cardViews: { [T in CardType]: CardView<T> } = {
  message: messageView,
  question: questionView,
  capture: captureView,
  liveChat: liveChatView,
  goal: goalView,
  condition: conditionView,
  action: actionView,
  document: documentView,
};

/** The same registry seen as `Record<CardType, CardView>` (for code that handles any card type). */
export const cardViewRecord: Record<CardType, CardView<any>> = cardViews;
