import { SignInForm } from '../../web/SignInForm.tsx';
import type { Me } from '../api/types.ts';
import { LanguageSwitch, useI18n } from '../i18n/I18n.tsx';
import { Logo } from '../../web/brand/Logo.tsx';

const CLASSES = {
  root: 'signin',
  card: 'signin__card',
  lead: 'signin__sub',
  field: 'field',
  label: 'field__label',
  input: 'input',
  error: 'error-banner',
  submit: 'btn btn--primary btn--block',
};

/** The editor's sign-in page: the shared form (web/SignInForm.tsx) in the editor's words and look. */
export function SignIn({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const { lang, t } = useI18n();
  return (
    <SignInForm
      classes={CLASSES}
      lang={lang}
      title={t('signIn.title')}
      lead={t('signIn.subtitle')}
      brand={<Logo size={40} />}
      before={
        <div className="signin__lang">
          <LanguageSwitch />
        </div>
      }
      onSignedIn={onSignedIn}
    />
  );
}
