import { renderWhy, standingText as sayStanding, type WhyVoice } from '../../../shared/routing/whyRender.ts';
import type { Why } from '../../../shared/routing/whys.ts';
import { humanizeWhy } from '../admin/humanizeWhy.ts';
import type { Translate } from './I18nProvider.tsx';
import { whyText } from './whyText.ts';

/**
 * A routing decision's why in the app's language, the one place the inbox says whys (routing log, conversation,
 * what-if, missed list): from its clauses (`whys`, codes with their parts) when the decision has them; a decision
 * logged before clauses were recorded has only the English sentence, said again clause by clause where its shape
 * is known (whyText.ts). Agent ids become the people's names either way.
 */
export function decisionWhy(
  d: { why: string; whys?: readonly { code: string }[] },
  t: Translate,
  names: Record<string, string> = {},
): string {
  // The server's clauses, as the engine made them (an unknown code is shown as its code: renderWhy).
  if (d.whys?.length) return renderWhy(d.whys as readonly Why[], voice(t, names));
  return whyText(humanizeWhy(d.why, names), t);
}

/** An agent's standing in a skip list (`away`, `at capacity 10/10`, …) in the app's language. */
export function standingText(reason: string, t: Translate): string {
  return sayStanding(reason, voice(t, {}));
}

function voice(t: Translate, names: Record<string, string>): WhyVoice {
  return { say: (key, vars) => t(key, vars), name: (id) => names[id] ?? id };
}
