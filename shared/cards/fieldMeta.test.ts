import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cards } from './index.ts';
import { formFields, listElement, type LocalText } from './fieldMeta.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function expectText(text: LocalText | undefined, where: string) {
  if (!text) return;
  expect(text.en.trim(), where).not.toBe('');
  expect(text.ko.trim(), where).not.toBe('');
  expect(placeholders(text.ko), where).toEqual(placeholders(text.en));
}

describe('card field metadata', () => {
  for (const [type, card] of Object.entries(cards)) {
    it(`${type}: every data field has a label and widget in English and Korean, so its inspector is generated`, () => {
      const shape = (card.schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
      const fields = formFields(card.schema);
      expect(fields.map((f) => f.key)).toEqual(Object.keys(shape));
      for (const f of fields) {
        expectText(f.meta.label, `${type}.${f.key}`);
        expectText(f.meta.help, `${type}.${f.key} help`);
        if (f.meta.widget.kind === 'choice') f.meta.widget.options.forEach((o) => expectText(o.label, f.key));
        if (f.meta.widget.kind !== 'list') continue;
        expectText(f.meta.widget.add, `${type}.${f.key} add`);
        expectText(f.meta.widget.itemTitle, `${type}.${f.key} title`);
        const element = listElement(f.schema)!;
        const itemKeys = Object.keys((element as z.ZodObject).shape).filter((k) => k !== 'id');
        expect(formFields(element).map((x) => x.key)).toEqual(itemKeys);
        // A new item carries the generated id and only fields the element's schema knows.
        const item = f.meta.widget.newItem(`${f.meta.widget.idPrefix}9`);
        expect(item.id).toBe(`${f.meta.widget.idPrefix}9`);
        expect(Object.keys(item).every((k) => k in (element as z.ZodObject).shape)).toBe(true);
      }
    });
  }

  it('reads metadata through optional and default wrappers, and marks optional fields', () => {
    const capture = formFields(cards.capture.schema);
    expect(capture.find((f) => f.key === 'placeholder')?.optional).toBe(true);
    expect(capture.find((f) => f.key === 'input')?.optional).toBe(false);
    expect(capture.find((f) => f.key === 'options')?.meta.visibleWhen?.({ input: 'text' })).toBe(false);
  });
});
