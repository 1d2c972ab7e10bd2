import type { Meta, StoryObj } from '@storybook/react-vite';
import { StoryFrame } from '../stories/StoryFrame.tsx';
import { diffStreams } from './diffStreams.ts';
import { DiffView } from './DiffView.tsx';
import { VersionsList } from './VersionsList.tsx';

/** Versions (time, author, hash) and the diff of two of them. */
function VersionsStory({ picked, withDiff }: { picked: number[]; withDiff: boolean }) {
  return (
    <StoryFrame width={340}>
      <div className="side-panel__body">
        <VersionsList
          versions={versions}
          picked={picked}
          onPick={() => {}}
          onRollback={() => {}}
          onRestore={() => {}}
          nameOf={(id) => AUTHORS[id] ?? id}
        />
        {withDiff ? <DiffView diff={diffStreams(v1, v2)} from={1} to={2} /> : null}
      </div>
    </StoryFrame>
  );
}

const AUTHORS: Record<string, string> = { u_mia: 'Mia Marketer', u_ada: 'Ada Admin' };
const t0 = Date.UTC(2026, 10, 20, 9, 30);
const versions = [
  {
    streamId: 's_story',
    version: 1,
    hash: 'sha256:9f2c4e1a7b3d5f60a1b2c3d4e5f6',
    publishedAt: t0,
    publishedBy: 'u_mia',
  },
  {
    streamId: 's_story',
    version: 2,
    hash: 'sha256:4ab81c0d2e9f7a6b5c4d3e2f1a0b',
    publishedAt: t0 + 86_400_000,
    publishedBy: 'u_ada',
  },
  {
    streamId: 's_story',
    version: 3,
    hash: 'sha256:c0ffee12ab34cd56ef7890ab12cd',
    publishedAt: t0 + 3 * 86_400_000,
    publishedBy: 'u_mia',
  },
];
const v1 = {
  name: 'Demo',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Hi!' } },
    { id: 'ask', type: 'question', data: { prompt: 'Talk to sales?', answers: [{ id: 'yes', label: 'Yes' }] } },
    { id: 'old', type: 'goal', data: { name: 'old-goal' } },
  ],
  edges: [{ id: 'e1', from: 'hello', port: 'next', to: 'ask' }],
};
const v2 = {
  name: 'Demo',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Hi {{firstName}}!' } },
    {
      id: 'ask',
      type: 'question',
      data: {
        prompt: 'Talk to sales?',
        answers: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No' },
        ],
      },
    },
    { id: 'agent', type: 'liveChat', data: { routing: { mode: 'roundRobin' } } },
  ],
  edges: [
    { id: 'e1', from: 'hello', port: 'next', to: 'ask' },
    { id: 'e2', from: 'ask', port: 'yes', to: 'agent' },
  ],
};

const meta: Meta<typeof VersionsStory> = { title: 'Editor/Versions', component: VersionsStory };
export default meta;
type Story = StoryObj<typeof VersionsStory>;

export const List: Story = { args: { picked: [], withDiff: false } };
export const Diff: Story = { args: { picked: [1, 2], withDiff: true } };
export const Empty: Story = {
  render: () => (
    <StoryFrame width={340}>
      <VersionsList versions={[]} picked={[]} onPick={() => {}} />
    </StoryFrame>
  ),
};
