import { createContext } from 'preact';
import { DEFAULT_APPEARANCE, type Appearance } from '../../../shared/widget/appearance.ts';
import type { Lang } from '../kernel.ts';

/** What every part of the panel may need to look right: the appearance, the language, the runtime's origin. */
export interface Look {
  appearance: Appearance;
  lang: Lang;
  /** Pictures given as paths are the runtime's (`/api/widget/images/…`). */
  origin: string;
}

export const LookContext = createContext<Look>({ appearance: DEFAULT_APPEARANCE, lang: 'en', origin: '' });
