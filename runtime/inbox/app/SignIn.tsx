import { Logo } from '../../../web/brand/Logo.tsx';
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
          <Logo size={24} /> {t('appName')}
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
