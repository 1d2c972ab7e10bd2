import { attributeKind } from '../stream/attributes.ts';
import { MIN_PHONE_DIGITS, repromptText, type Reprompt } from './reprompts.ts';

/** A refusal carries the re-prompt (to say it in another language) and its English words. */
export type CaptureCheck = { ok: true; value: string } | { ok: false; reprompt: Reprompt; message: string };

export interface CaptureRule {
  attribute: string;
  input: 'text' | 'picklist';
  options?: readonly string[];
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE_CHARS = /^[\d\s+\-()]+$/;
const refuse = (reprompt: Reprompt): CaptureCheck => ({ ok: false, reprompt, message: repromptText(reprompt) });

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
      return refuse({ code: 'choose', options: rule.options ?? [] });
    }
    return { ok: true, value: option };
  }
  if (value === '') return refuse({ code: 'blank' });
  switch (attributeKind(rule.attribute)) {
    case 'email':
      return EMAIL.test(value) ? { ok: true, value } : refuse({ code: 'email' });
    case 'phone': {
      const digits = value.replace(/\D/g, '').length;
      return PHONE_CHARS.test(value) && digits >= MIN_PHONE_DIGITS
        ? { ok: true, value }
        : refuse({ code: 'phone', minDigits: MIN_PHONE_DIGITS });
    }
    case 'text':
      return { ok: true, value };
  }
}
