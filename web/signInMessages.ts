import type { Lang } from './createI18n.tsx';

/** The words of the sign-in form that the editor and the inbox share (each app adds its own title and lead). */
export const SIGN_IN_MESSAGES: Record<
  Lang,
  { email: string; password: string; submit: string; busy: string; failed: string; error: string }
> = {
  en: {
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    failed: 'Wrong email or password.',
    error: 'Could not sign in: {message}',
  },
  ko: {
    email: '이메일',
    password: '비밀번호',
    submit: '로그인',
    busy: '로그인하는 중…',
    failed: '이메일 또는 비밀번호가 올바르지 않습니다.',
    error: '로그인할 수 없습니다: {message}',
  },
};
