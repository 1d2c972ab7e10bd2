import { attributeKind } from '../stream/attributes.ts';

export type CaptureCheck = { ok: true; value: string } | { ok: false; message: string };

export interface CaptureRule {
  attribute: string;
  input: 'text' | 'picklist';
  options?: readonly string[];
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^[\d\s+\-()]+$/;
const MIN_PHONE_DIGITS = 7;

/**
 * Checks a visitor's reply to a capture card (SPEC §2): a picklist reply must be one of its options (trimmed,
 * case-insensitive; the option is stored as written), `email` must look like `local@domain.tld`, `phone` allows
 * digits, spaces and `+ - ( )` with at least 7 digits, and no reply may be blank. The one place these rules live:
 * the engine, the widget and the preview all call it.
 */
export function validateCapture(rule: CaptureRule, reply: string): CaptureCheck {
  const value = reply.trim();
  if (rule.input === 'picklist') {
    const wanted = value.toLowerCase();
    const option = (rule.options ?? []).find((o) => o.trim().toLowerCase() === wanted);
    if (option === undefined || value === '') {
      return { ok: false, message: `Please choose one of: ${(rule.options ?? []).join(', ')}.` };
    }
    return { ok: true, value: option };
  }
  if (value === '') return { ok: false, message: 'Please type an answer.' };
  switch (attributeKind(rule.attribute)) {
    case 'email':
      return EMAIL.test(value)
        ? { ok: true, value }
        : { ok: false, message: 'That does not look like an email address. Please use the form name@example.com.' };
    case 'phone': {
      const digits = value.replace(/\D/g, '').length;
      return PHONE_CHARS.test(value) && digits >= MIN_PHONE_DIGITS
        ? { ok: true, value }
        : {
            ok: false,
            message: `That does not look like a phone number. Use digits, spaces and + - ( ), at least ${MIN_PHONE_DIGITS} digits.`,
          };
    }
    case 'text':
      return { ok: true, value };
  }
}
