import { compileStream } from '../../shared/compile/compileStream.ts';
import type { CompiledStream } from '../../shared/compile/format.ts';
import {
  startSession,
  stepSession,
  talkToPerson,
  talkToPersonRefusal,
  type SessionState,
} from '../../shared/engine/index.ts';
import type { EngineEvent } from '../../shared/engine/events.ts';
import type { Stream } from '../../shared/stream/model.ts';

/** One line of the preview transcript. */
export type PreviewLine = { from: 'bot'; event: EngineEvent } | { from: 'visitor'; text: string };

export interface PreviewRun {
  compiled: CompiledStream;
  state: SessionState;
  lines: PreviewLine[];
}

/** Starts the draft in the browser with the same engine the runtime uses (shared/engine). Throws on a draft that does not compile. */
export function startPreview(stream: Stream, agentsAvailable: boolean): PreviewRun {
  const compiled = compileStream(stream);
  const step = startSession(compiled, {}, { agentsAvailable: () => agentsAvailable });
  return { compiled, state: step.state, lines: step.events.map((event) => ({ from: 'bot', event })) };
}

/** Gives the visitor's reply to the running preview. */
export function replyPreview(run: PreviewRun, text: string, agentsAvailable: boolean): PreviewRun {
  const step = stepSession(run.compiled, run.state, text, { agentsAvailable: () => agentsAvailable });
  return {
    compiled: run.compiled,
    state: step.state,
    lines: [
      ...run.lines,
      { from: 'visitor', text },
      ...step.events.map((event): PreviewLine => ({ from: 'bot', event })),
    ],
  };
}

/** The ask the conversation waits on (the last `ask` event), if it waits. */
export function pendingAsk(run: PreviewRun): Extract<EngineEvent, { type: 'ask' }> | undefined {
  if (run.state.status !== 'waiting') return undefined;
  for (let i = run.lines.length - 1; i >= 0; i--) {
    const l = run.lines[i];
    if (l.from === 'bot' && l.event.type === 'ask') return l.event;
  }
  return undefined;
}

/** Whether the widget header's "Talk to a person" would show now (the stream has the card and the bot waits). */
export function canTalkToPerson(run: PreviewRun): boolean {
  return talkToPersonRefusal(run.compiled, run.state) === null;
}

/** The header's "Talk to a person": the same jump the runtime makes (shared/engine). */
export function talkToPersonPreview(run: PreviewRun, label: string, agentsAvailable: boolean): PreviewRun {
  const step = talkToPerson(run.compiled, run.state, { agentsAvailable: () => agentsAvailable });
  return {
    compiled: run.compiled,
    state: step.state,
    lines: [
      ...run.lines,
      { from: 'visitor', text: label },
      ...step.events.map((event): PreviewLine => ({ from: 'bot', event })),
    ],
  };
}
