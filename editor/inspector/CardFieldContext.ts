import { createContext } from 'react';
import type { EditorSession } from '../collab/editorSession.ts';

/** The card the inspector shows, for its text inputs to bind themselves to the card's texts in the draft. */
export interface CardField {
  session: EditorSession;
  cardId: string;
  readOnly: boolean;
}

export const CardFieldContext = createContext<CardField | null>(null);
