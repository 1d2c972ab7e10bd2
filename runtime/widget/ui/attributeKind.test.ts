import { describe, expect, it } from 'vitest';
import { attributeKind as shared } from '../../../shared/stream/attributes.ts';
import { attributeKind as widget } from './attributeKind.ts';

describe('the widget build attributeKind', () => {
  it('classifies attributes exactly like the shared one', () => {
    for (const name of ['email', 'phone', 'firstName', 'lastName', 'company', 'jobTitle', 'Email', 'mobile', 'x.y', '']) {
      expect(widget(name)).toBe(shared(name));
    }
  });
});
