import type { Decorator } from '@storybook/react-vite';
import { I18nProvider, type Lang } from '../i18n/I18nProvider.tsx';
import '../styles.css';

/** Wraps a story in the inbox's language provider; `parameters.lang` picks English or Korean. */
export const withInbox: Decorator = (Story, ctx) => (
  <I18nProvider lang={(ctx.parameters.lang as Lang | undefined) ?? 'en'}>
    <div className="story-frame">
      <Story />
    </div>
  </I18nProvider>
);
