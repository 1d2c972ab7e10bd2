import { attributeKind } from '../stream/attributes.ts';

/** Why a reply was refused: what the visitor is asked to do instead. */
export type Reprompt =
  | { code: 'choose'; options: readonly string[] }
  | { code: 'blank' }
  | { code: 'email' }
  | { code: 'phone'; minDigits: number };

/** Languages the re-prompts are written in; anything else reads English. */
export type RepromptLang = 'en' | 'ko';

/**
 * The words of every re-prompt, in each language the widget speaks. The engine stores the English words in the
 * transcript (the CLI and the inbox show them); the widget shows the same re-prompt in the page's language
 * (SPEC §6), and its own check before sending uses the same words.
 */
const WORDS: Record<RepromptLang, { [K in Reprompt['code']]: (r: Extract<Reprompt, { code: K }>) => string }> = {
  en: {
    choose: (r) => `Please choose one of: ${r.options.join(', ')}.`,
    blank: () => 'Please type an answer.',
    email: () => 'That does not look like an email address. Please use the form name@example.com.',
    phone: (r) =>
      `That does not look like a phone number. Use digits, spaces and + - ( ), at least ${r.minDigits} digits.`,
  },
  ko: {
    choose: (r) => `다음 중 하나를 선택해 주세요: ${r.options.join(', ')}.`,
    blank: () => '답변을 입력해 주세요.',
    email: () => '이메일 주소 형식이 아닙니다. name@example.com 형식으로 입력해 주세요.',
    phone: (r) =>
      `전화번호 형식이 아닙니다. 숫자, 공백, + - ( )만 사용하고 숫자는 ${r.minDigits}자리 이상 입력해 주세요.`,
  },
};

export function repromptText(r: Reprompt, lang: RepromptLang = 'en'): string {
  return (WORDS[lang][r.code] as (r: Reprompt) => string)(r);
}

export const MIN_PHONE_DIGITS = 7;

/**
 * The re-prompt that follows a refused reply to an ask, from the ask itself: a question or a picklist asks to
 * choose, an email or phone capture says what it expects, any other capture was left blank. The widget uses it to
 * show a stored re-prompt in the page's language without the server knowing that language.
 */
export function repromptFor(
  ask:
    | { kind: 'question'; answers: readonly { label: string }[] }
    | { kind: 'capture'; attribute: string; input: string; options?: readonly string[] },
): Reprompt {
  if (ask.kind === 'question') return { code: 'choose', options: ask.answers.map((a) => a.label) };
  if (ask.input === 'picklist') return { code: 'choose', options: ask.options ?? [] };
  const kind = attributeKind(ask.attribute);
  return kind === 'email'
    ? { code: 'email' }
    : kind === 'phone'
      ? { code: 'phone', minDigits: MIN_PHONE_DIGITS }
      : { code: 'blank' };
}
