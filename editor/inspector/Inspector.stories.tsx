import type { Meta, StoryObj } from '@storybook/react-vite';
import type { Stream } from '../../shared/stream/model.ts';
import { StoryFrame } from '../stories/StoryFrame.tsx';
import { storySession } from '../stories/storySession.ts';
import { Inspector } from './Inspector.tsx';

/** The inspector on one selected card: fields from its schema, token picker, answers, condition builder, routing. */
function InspectorStory({ stream, selected, lang }: { stream: Stream; selected: string[]; lang?: 'en' | 'ko' }) {
  return (
    <StoryFrame width={360} lang={lang}>
      <div className="editor__right" style={{ height: 640 }}>
        <Inspector session={storySession(stream, { selected })} />
      </div>
    </StoryFrame>
  );
}

const meta: Meta<typeof InspectorStory> = { title: 'Editor/Inspector', component: InspectorStory };
export default meta;
type Story = StoryObj<typeof InspectorStory>;

const one = (type: string, data: unknown): Stream => ({
  name: 'Story',
  start: 'c',
  cards: [{ id: 'c', type, data, position: { x: 0, y: 0 } }],
  edges: [],
});

export const Message: Story = {
  args: { stream: one('message', { text: 'Hi {{firstName:"there"}}!', poke: true }), selected: ['c'] },
};
export const QuestionWithErrors: Story = {
  args: {
    stream: one('question', {
      prompt: '',
      answers: [
        { id: 'a1', label: 'Yes' },
        { id: 'a2', label: '' },
      ],
    }),
    selected: ['c'],
  },
};
export const Capture: Story = {
  args: {
    stream: one('capture', {
      attribute: 'email',
      prompt: 'Your email?',
      input: 'picklist',
      options: [],
      ifKnown: 'skip',
    }),
    selected: ['c'],
  },
};
export const LiveChatTeam: Story = {
  args: { stream: one('liveChat', { routing: { mode: 'team', teamId: 'sales' } }), selected: ['c'] },
};
export const Condition: Story = {
  args: {
    stream: one('condition', {
      branches: [
        {
          id: 'b1',
          when: {
            all: [
              { attribute: 'company', op: 'is', value: 'Acme' },
              { attribute: 'email', op: 'isNotEmpty' },
            ],
          },
        },
        { id: 'b2', when: { agentsAvailable: true, teamId: 'sales' } },
      ],
    }),
    selected: ['c'],
  },
};
export const UnknownType: Story = { args: { stream: one('meeting', { calendar: 'sales' }), selected: ['c'] } };
/** Data so broken the form cannot show it: the JSON editor instead, never a crash. */
export const BrokenCondition: Story = {
  args: { stream: one('condition', { branches: [{ id: 'b1', when: 5 }] }), selected: ['c'] },
};
export const Nothing: Story = { args: { stream: one('goal', { name: 'x' }), selected: [] } };
export const Korean: Story = {
  args: {
    stream: one('question', { prompt: '영업팀과 이야기하시겠어요?', answers: [{ id: 'y', label: '네' }] }),
    selected: ['c'],
    lang: 'ko',
  },
};
