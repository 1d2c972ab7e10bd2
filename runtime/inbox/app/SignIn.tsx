import { SignInForm } from '../../../web/SignInForm.tsx';
import { LanguageSwitch, useI18n } from '../i18n/I18nProvider.tsx';

const CLASSES = {
  root: 'signin',
  card: 'signin-card',
  lead: 'muted',
  field: 'field',
  error: 'form-error',
  submit: 'btn btn-primary btn-block',
};

/** The inbox's sign-in page: the shared form (web/SignInForm.tsx) in the inbox's words and look. */
export function SignIn({ onSignedIn, expired }: { onSignedIn(): void; expired?: boolean }) {
  const { lang, t } = useI18n();
  return (
    <SignInForm
      classes={CLASSES}
      lang={lang}
      title={t('signInTitle')}
      lead={t('signInLead')}
      brand={
        <div className="brand brand-large">
          <Logo /> {t('appName')}
        </div>
      }
      footer={
        <div className="signin-foot">
          <LanguageSwitch />
        </div>
      }
      initialError={expired ? t('sessionEnded') : undefined}
      onSignedIn={() => onSignedIn()}
    />
  );
}

export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <path fill="#1473e6" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z" />
      <path fill="#fff" d="M7 9h10v1.6H7zm0 3.2h7v1.6H7z" />
    </svg>
  );
}
