import { api } from '../api/client.ts';
import type { RuleContext } from './RuleList.tsx';
import { useLoad } from './useLoad.ts';

/** What the rule editor offers: attributes (standard and custom), teams, and live-chat agents. */
export function useRuleContext() {
  return useLoad<RuleContext>(async () => {
    const [attributes, teams, users] = await Promise.all([api.attributes(), api.teams(), api.users()]);
    return {
      attributes: attributes.map((a) => ({ name: a.name, label: a.label || a.name })),
      teams,
      agents: users.filter((u) => u.permissions.includes('liveChat')).map((u) => ({ id: u.id, name: u.name })),
    };
  });
}
