import { describe, expect, it } from 'vitest';
import { parseTokens, renderReplyTokens, renderTokens } from './tokens.ts';

describe('tokens', () => {
  it('parses plain tokens and tokens with defaults', () => {
    expect(parseTokens('Hi {{firstName:"there"}}, from {{ company }}.')).toEqual([
      { raw: '{{firstName:"there"}}', attribute: 'firstName', fallback: 'there' },
      { raw: '{{ company }}', attribute: 'company' },
    ]);
    expect(parseTokens('{{a:"say \\"hi\\""}}')[0].fallback).toBe('say "hi"');
    expect(parseTokens('no {{ tokens here }} {{}}')).toEqual([]);
  });

  it('replaces known values, uses defaults for unknown or blank ones, and empties the rest', () => {
    expect(renderTokens('Hi {{firstName:"there"}}!', { firstName: 'Ann' })).toBe('Hi Ann!');
    expect(renderTokens('Hi {{firstName:"there"}}!', {})).toBe('Hi there!');
    expect(renderTokens('Hi {{firstName:"there"}}!', { firstName: ' ' })).toBe('Hi there!');
    expect(renderTokens('Hi {{firstName}}!', {})).toBe('Hi !');
    expect(renderTokens('{{toString}}', {})).toBe('');
    expect(renderTokens('{{a}} costs $1 {{b', { a: 'It' })).toBe('It costs $1 {{b');
  });

  it('fills canned replies: {{name|default}} and the stream forms, defaults when a value is missing', () => {
    const ada = { firstName: 'Ada', company: '' };
    expect(renderReplyTokens('Hi {{firstName|there}}, from {{ company | your team }}!', ada)).toBe(
      'Hi Ada, from your team!',
    );
    expect(renderReplyTokens('Hi {{firstName|there}}!', {})).toBe('Hi there!');
    expect(renderReplyTokens('{{email|}}{{firstName:"you"}} {{plan}}.', {})).toBe('you .');
    expect(renderReplyTokens('Plain text, {{ not a token', ada)).toBe('Plain text, {{ not a token');
  });
});
