import { routingSummary } from '../cards/liveChatView.tsx';
import { useT } from '../i18n/I18n.tsx';
import type { Workspace } from '../workspace/workspace.ts';
import type { PreviewLine } from './runPreview.ts';

/** The conversation so far, as bubbles (bot left, visitor right) and small notes for invisible steps, worded for
 * people (who the hand-off goes to, why it ended), never with raw codes. */
export function PreviewTranscript({ lines, workspace }: { lines: PreviewLine[]; workspace: Workspace }) {
  const t = useT();
  return (
    <>
      {lines.map((line, i) => {
        if (line.from === 'visitor') {
          return (
            <div key={i} className="bubble bubble--visitor">
              {line.text}
            </div>
          );
        }
        const e = line.event;
        switch (e.type) {
          case 'message':
            return (
              <div key={i} className="bubble bubble--bot">
                {e.text}
              </div>
            );
          case 'ask':
            return (
              <div key={i} className="bubble bubble--bot">
                {e.prompt}
              </div>
            );
          case 'invalid':
            return (
              <div key={i} className="bubble bubble--bot bubble--invalid">
                {e.message}
              </div>
            );
          case 'document':
            return (
              <a key={i} className="bubble bubble--bot bubble--doc" href={e.url} target="_blank" rel="noreferrer">
                📄 {e.name}
              </a>
            );
          case 'set':
            return (
              <div key={i} className="preview-note">
                {t('preview.set', { attribute: e.attribute, value: e.value })}
              </div>
            );
          case 'goal':
            return (
              <div key={i} className="preview-note">
                🎯 {t('preview.goal', { name: e.name })}
              </div>
            );
          case 'liveChat':
            return (
              <div key={i} className="preview-note preview-note--strong">
                {t('preview.handoff', { routing: routingSummary(e.routing, workspace, t) })}
              </div>
            );
          case 'end':
            return (
              <div key={i} className="preview-note">
                {t(`preview.ended.${e.reason}`)}
              </div>
            );
          default: {
            const never: never = e;
            throw new Error(`unknown engine event ${JSON.stringify(never)}`);
          }
        }
      })}
    </>
  );
}
