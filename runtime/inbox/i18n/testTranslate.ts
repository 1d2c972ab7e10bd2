import { format, type Translate } from './I18nProvider.tsx';

/** `t` of one catalogue, outside React (for tests of what the app says in each language). */
export const tr =
  (table: Record<string, string>): Translate =>
  (key, vars) =>
    format(table[key], vars);
