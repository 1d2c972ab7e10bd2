import { describe, expect, it } from 'vitest';
import { humanizeWhy } from './humanizeWhy.ts';

describe('humanizeWhy', () => {
  it('replaces whole agent ids with names and leaves everything else', () => {
    const names = { 'u_zO7-ar': 'Alex Agent', u_z: 'Zed' };
    expect(humanizeWhy('round robin: offered to u_zO7-ar, next (u_z offline)', names)).toBe(
      'round robin: offered to Alex Agent, next (Zed offline)',
    );
    expect(humanizeWhy('u_zO7-arX stays', names)).toBe('u_zO7-arX stays');
    expect(humanizeWhy('no names', {})).toBe('no names');
  });
});
