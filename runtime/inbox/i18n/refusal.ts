import type { MessageKey } from './en.ts';
import type { Translate } from './I18nProvider.tsx';
import { standingText, whyText } from './whyText.ts';

/**
 * Why the routing engine refused a transfer (shared/routing/transfer.ts), which reaches the inbox as the English
 * note of an `error` frame, said again in the app's language from its parts. A team that had nobody eligible is
 * said as a routing why (whyText); a shape not known here is shown as the engine wrote it.
 */
const SHAPES: { re: RegExp; key: MessageKey; vars: string[] }[] = [
  { re: /^(.+?) holds no open chat with (.+)$/, key: 'refused_notHolder', vars: ['agent', 'visitor'] },
  { re: /^a transfer to (.+?) is already pending$/, key: 'refused_pending', vars: ['agent'] },
  { re: /^an agent cannot transfer a chat to themselves$/, key: 'refused_self', vars: [] },
  { re: /^agent (.+?) is unknown$/, key: 'refused_unknownAgent', vars: ['agent'] },
  { re: /^team (.+?) is unknown$/, key: 'refused_unknownTeam', vars: ['team'] },
  { re: /^agent (.+?) is not eligible \((.+)\)$/, key: 'refused_notEligible', vars: ['agent', 'standing'] },
];

export function refusalText(reason: string, t: Translate): string {
  for (const s of SHAPES) {
    const m = s.re.exec(reason);
    if (!m) continue;
    const vars = Object.fromEntries(s.vars.map((v, i) => [v, v === 'standing' ? standingText(m[i + 1], t) : m[i + 1]]));
    return t(s.key, vars);
  }
  return whyText(reason, t);
}
