import type { ComponentType } from 'react';
import type { CardDataOf, CardType } from '../../shared/cards/index.ts';
import type { Translate } from '../i18n/I18n.tsx';
import type { Workspace } from '../workspace/workspace.ts';

/** Schema issues of a card's data, keyed by the dotted path of the field (`answers.1.label`; `` for the card). */
export type FieldIssues = ReadonlyMap<string, string>;

export interface CardBodyProps<D> {
  data: D;
  t: Translate;
  workspace: Workspace;
}

export interface InspectorProps<D> {
  /** The card's data as stored, with the type's defaults filled in for missing fields (it may still be invalid). */
  data: D;
  /** Replaces the card's data (written to the doc as the user types). */
  onChange(next: D): void;
  issues: FieldIssues;
  workspace: Workspace;
  /** Attributes a token may name here: the standard ones, the workspace's custom ones and those the stream sets. */
  attributes: readonly string[];
}

/**
 * How one card type looks in the editor: its colour, icon and the summary shown on the canvas (its name is the card
 * definition's `title`, its inspector form is generated from the card schema). Optional: a card type without one of
 * its own is drawn by the generic view (`genericView.tsx`); register one in `cardViews.ts` where that is not enough.
 */
export interface CardView<T extends CardType = CardType> {
  /** CSS colour of the type (header stripe, icon, minimap). */
  color: string;
  /** The same colour as a hex value, for the card's icon image. */
  hex: string;
  /** SVG path data for a 24×24, 2px-stroke icon. */
  icon: string;
  Body: ComponentType<CardBodyProps<CardDataOf<T>>>;
  /**
   * A hand-written inspector form, only where the form generated from the card schema's field metadata
   * (editor/inspector/CardForm.tsx) is not enough. No card needs one today.
   */
  Inspector?: ComponentType<InspectorProps<CardDataOf<T>>>;
  /** The label of an output port on the card (answers, branches); undefined hides it (the single `next`). */
  portLabel?(data: CardDataOf<T>, port: string, t: Translate): string | undefined;
}
