import { api } from '../api/client.ts';
import type { RuleContext } from './RuleList.tsx';
import { useLoad } from './useLoad.ts';
import type { Attributes } from '../api/types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/I18nProvider.tsx';

/** Standard attributes labelled in the UI language, then the custom ones with the admin's labels. */
export function attributeOptions(a: Attributes, label: (name: string) => string): { name: string; label: string }[] {
  return [
    ...a.standard.map((name) => ({ name, label: label(name) })),
    ...a.custom.map((c) => ({ name: c.name, label: c.label || c.name })),
  ];
}

/** What the rule editor offers: attributes (standard and custom), teams, and live-chat agents. */
export function useRuleContext() {
  const t = useT();
  return useLoad<RuleContext>(async () => {
    const [attributes, teams, users] = await Promise.all([api.attributes(), api.teams(), api.users()]);
    return {
      attributes: attributeOptions(attributes, (n) => t(`attr_${n}` as MessageKey)),
      teams,
      agents: users.filter((u) => u.liveChat).map((u) => ({ id: u.id, name: u.name })),
    };
  });
}
