// @vitest-environment happy-dom
import { composeStories } from '@storybook/react';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as cardViews from './cards/CardViews.stories.tsx';
import * as inspector from './inspector/Inspector.stories.tsx';
import * as lintPanel from './lint/LintPanel.stories.tsx';
import * as versions from './publish/Versions.stories.tsx';
import * as preview from './preview/PreviewPanel.stories.tsx';

/** Every editor story renders (a broken story fails `npm test`), and the parts the stories show are there. */
afterEach(cleanup);

const all = { cardViews, inspector, lintPanel, versions, preview } as unknown as Record<
  string,
  Parameters<typeof composeStories>[0]
>;

describe('editor stories', () => {
  for (const [file, mod] of Object.entries(all)) {
    for (const [name, Story] of Object.entries(composeStories(mod))) {
      it(`${file} / ${name} renders`, async () => {
        const S = Story as unknown as () => React.ReactElement;
        const { container } = render(<S />);
        expect(container.textContent?.length ?? 0).toBeGreaterThan(0);
      });
    }
  }

  it('shows each card with its type, its ports and its lint badges', () => {
    const { QuestionWithErrors, UnknownType, BrokenData } = composeStories(cardViews);
    const q = render(<QuestionWithErrors />).container;
    const card = q.querySelector('.react-flow__node[data-id="card"]')!;
    expect(card.textContent).toContain('Question');
    expect([...card.querySelectorAll('.port-chip')].map((c) => c.textContent)).toEqual(['Yes', 'No thanks']);
    expect(card.querySelector('.port-chip.is-warning')?.textContent).toBe('No thanks');
    expect(card.querySelector('.badge--error')?.textContent?.trim()).toBe('1');
    cleanup();
    expect(render(<UnknownType />).container.textContent).toContain('Unknown card type “meeting”');
    cleanup();
    expect(render(<BrokenData />).container.textContent).toContain('not valid');
  });

  it('marks every lint row with data-tributary="lint" and its code', () => {
    const { WithProblems } = composeStories(lintPanel);
    const rows = render(<WithProblems />).container.querySelectorAll('[data-tributary="lint"]');
    expect([...rows].map((r) => r.textContent?.split(' ')[0])).toHaveLength(4);
    expect(rows[0].textContent).toContain('live-chat-not-last');
  });

  it('validates as you type in the inspector', () => {
    const { QuestionWithErrors, Korean } = composeStories(inspector);
    const c = render(<QuestionWithErrors />).container;
    expect(c.textContent).toContain('write the question');
    expect(c.textContent).toContain('write the answer label');
    cleanup();
    expect(render(<Korean />).container.textContent).toContain('답변');
  });

  it('runs the draft in the preview: answer buttons, capture input, events', async () => {
    const { Demo } = composeStories(preview);
    const c = render(<Demo />).container;
    await new Promise((r) => setTimeout(r, 0));
    expect(c.textContent).toContain('Would you like to talk to someone from sales?');
    const yes = [...c.querySelectorAll<HTMLButtonElement>('.widget-answer')].find((b) => b.textContent === 'Yes')!;
    fireEvent.click(yes);
    expect(c.textContent).toContain("Great! What's your first name?");
    const input = c.querySelector<HTMLInputElement>('.widget-frame__composer input')!;
    fireEvent.change(input, { target: { value: 'Ada' } });
    fireEvent.submit(c.querySelector('.widget-frame__composer')!);
    expect(c.textContent).toContain('firstName = Ada');
  });

  it('lists cards added, removed and changed between two versions', () => {
    const { Diff } = composeStories(versions);
    const c = render(<Diff />).container;
    const rows = (kind: string) =>
      [...c.querySelectorAll(`[data-diff="${kind}"] .diff__name`)].map((e) => e.getAttribute('title'));
    expect(rows('added')).toEqual(['agent']);
    expect(rows('removed')).toEqual(['old']);
    expect(rows('changed')).toEqual(['hello', 'ask']);
    // Changed fields show the old and the new value, and cards are named by what they say.
    const change = c.querySelector('[data-diff="changed"] [data-field]')!;
    expect(change.querySelector('.diff__old')!.textContent).not.toBe(change.querySelector('.diff__new')!.textContent);
    expect(c.querySelector('[data-diff="changed"] .diff__name')!.textContent).not.toBe('hello');
    fireEvent.click(c.querySelector('input[type="checkbox"]')!);
  });
});
