import type { MessageKey } from './en.ts';
import type { Translate } from './I18nProvider.tsx';

/**
 * The routing engine's whys (shared/routing) are English sentences made of clauses joined by "; ". Each clause of
 * a known shape is said again in the app's language from its parts (names, numbers, pools); a clause of another
 * shape is shown as the engine wrote it. The English texts of these keys are the engine's own wording.
 */
const CLAUSES: { re: RegExp; key: MessageKey; vars: string[] }[] = [
  {
    re: /^(.+?) accepted after ([\d.]+) s and now holds (\d+)\/(\d+) chats$/,
    key: 'why_accepted',
    vars: ['agent', 'secs', 'load', 'max'],
  },
  { re: /^engagement (\d+) of (\d+) on the select trial$/, key: 'why_trial', vars: ['n', 'limit'] },
  {
    re: /^(.+?): offered to (.+?), next in the rotation \(position (\d+) of (\d+)\)$/,
    key: 'why_offeredNext',
    vars: ['pool', 'agent', 'position', 'size'],
  },
  { re: /^(.+?): no eligible agent \((.+)\)$/, key: 'why_noEligible', vars: ['pool', 'list'] },
  { re: /^skipped (.+)$/, key: 'why_skipped', vars: ['list'] },
  { re: /^the visitor left$/, key: 'why_visitorLeft', vars: [] },
  { re: /^the chat with (.+?) ended$/, key: 'why_chatEnded', vars: ['agent'] },
  { re: /^(.+?) now holds (\d+)\/(\d+) chats$/, key: 'why_nowHolds', vars: ['agent', 'load', 'max'] },
  { re: /^the transfer to (.+?) is withdrawn$/, key: 'why_transferWithdrawn', vars: ['agent'] },
  {
    re: /^ended while the offer to (.+?) was pending: the offer is withdrawn$/,
    key: 'why_endedOffered',
    vars: ['agent'],
  },
  { re: /^ended after waiting ([\d.]+) s in the queue of (.+)$/, key: 'why_endedQueued', vars: ['secs', 'pool'] },
  { re: /^(.+?) declined the offer, which counts like a timeout$/, key: 'why_declined', vars: ['agent'] },
  { re: /^(.+?) did not accept within ([\d.]+) s$/, key: 'why_timeout', vars: ['agent', 'secs'] },
];

/** Agent standings in skip lists ("Alex (offline)"). */
const STANDINGS: { re: RegExp; key: MessageKey; vars: string[] }[] = [
  { re: /^offline$/, key: 'standing_offline', vars: [] },
  { re: /^away$/, key: 'standing_away', vars: [] },
  { re: /^eligible$/, key: 'standing_eligible', vars: [] },
  { re: /^no live-chat permission$/, key: 'standing_noLiveChat', vars: [] },
  { re: /^let the last offer lapse$/, key: 'standing_lapsed', vars: [] },
  { re: /^at capacity (\d+)\/(\d+)$/, key: 'standing_full', vars: ['load', 'max'] },
];

/** The first shape of `table` the text has, said with its parts (a pool and a list said again too). */
function match(text: string, table: typeof CLAUSES, t: Translate): string | undefined {
  for (const c of table) {
    const m = c.re.exec(text);
    if (!m) continue;
    const part = (name: string, value: string) =>
      name === 'pool' ? poolText(value, t) : name === 'list' ? listText(value, t) : value;
    return t(c.key, Object.fromEntries(c.vars.map((v, i) => [v, part(v, m[i + 1])])));
  }
  return undefined;
}

/** A pool as the engine names it: `round robin`, `team sales`, `agent u_1`. */
function poolText(pool: string, t: Translate): string {
  if (pool === 'round robin') return t('why_poolRoundRobin');
  const team = /^team (.+)$/.exec(pool);
  return team ? t('why_poolTeam', { team: team[1] }) : pool;
}

/** An agent's standing as a skip list says it, in the app's language. */
export function standingText(reason: string, t: Translate): string {
  return match(reason, STANDINGS, t) ?? reason;
}

/** `Alex (offline), Bea (away) and 3 more`, each standing in the app's language. */
function listText(list: string, t: Translate): string {
  const more = /^(.*) and (\d+) more$/.exec(list);
  const items = (more ? more[1] : list).replace(
    / \(([^()]+)\)(?=, |$)/g,
    (_m, r: string) => ` (${standingText(r, t)})`,
  );
  return more ? t('why_andMore', { list: items, more: more[2] }) : items;
}

/** A routing decision's why in the app's language (see above). */
export function whyText(why: string, t: Translate): string {
  return why
    .split('; ')
    .map((clause) => match(clause, CLAUSES, t) ?? clause)
    .join('; ');
}
