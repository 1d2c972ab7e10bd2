// @vitest-environment happy-dom
import { composeStories } from '@storybook/react-vite';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as stories from './Widget.stories.tsx';

afterEach(cleanup);

/** Each widget story renders the real launcher (and panel) inside an open shadow root. */
describe('widget stories', () => {
  const composed = composeStories(stories);
  for (const [name, Story] of Object.entries(composed)) {
    it(name, () => {
      const S = Story as unknown as () => React.ReactElement;
      const { container } = render(<S />);
      const root = container.querySelector('tributary-widget')?.shadowRoot;
      expect(root?.querySelectorAll('[data-tributary="launcher"]')).toHaveLength(1);
      const open = !!Story.args.view;
      expect(root?.querySelectorAll('[role="dialog"]').length).toBe(open ? 1 : 0);
      if (open) expect(root!.querySelectorAll('[data-tributary="message"]').length).toBeGreaterThan(0);
      if (Story.args.poke) expect(root!.querySelector('.poke')?.textContent).toContain(Story.args.poke);
    });
  }

  it('the Korean story speaks Korean', () => {
    const { container } = render(<composed.Korean />);
    const root = container.querySelector('tributary-widget')!.shadowRoot!;
    expect(root.querySelector('[data-tributary="launcher"]')!.getAttribute('aria-label')).toBe('채팅 닫기');
    expect(root.textContent).toContain('실시간 채팅');
  });
});
