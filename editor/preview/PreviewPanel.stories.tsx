import type { Meta, StoryObj } from '@storybook/react-vite';
import demo from '../../examples/demo.json' with { type: 'json' };
import { parseStream } from '../../shared/stream/interchange.ts';
import { startLiveLint } from '../lint/liveLint.ts';
import { StoryFrame } from '../stories/StoryFrame.tsx';
import { storySession } from '../stories/storySession.ts';
import { PreviewPanel } from './PreviewPanel.tsx';

/** The draft run in the browser by the same engine as the runtime, in a panel that looks like the widget. */
function PreviewStory() {
  const parsed = parseStream(demo);
  if (!parsed.ok) throw new Error(parsed.error);
  const session = storySession(parsed.stream);
  startLiveLint(session.binding.store, session.lint);
  return (
    <StoryFrame width={360}>
      <div className="editor__right" style={{ height: 700 }}>
        <PreviewPanel session={session} onClose={() => {}} />
      </div>
    </StoryFrame>
  );
}

const meta: Meta<typeof PreviewStory> = { title: 'Editor/Preview', component: PreviewStory };
export default meta;
export const Demo: StoryObj<typeof PreviewStory> = {};
