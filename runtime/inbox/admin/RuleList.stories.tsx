import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import type { Rule as RoutingRule } from '../api/client.ts';
import { withInbox } from '../stories/decorators.tsx';
import { RuleList, type RuleContext } from './RuleList.tsx';

const ctx: RuleContext = {
  attributes: [
    { name: 'email', label: 'Email' },
    { name: 'company', label: 'Company' },
    { name: 'country', label: 'Country' },
    { name: 'employees', label: 'Employees' },
  ],
  teams: [
    { id: 'sales', name: 'Sales', members: [] },
    { id: 'support', name: 'Support', members: [] },
  ],
  agents: [
    { id: 'u_alex', name: 'Alex Agent' },
    { id: 'u_bea', name: 'Bea Agent' },
  ],
};

const rules: RoutingRule[] = [
  {
    id: 'big-accounts',
    when: {
      all: [
        { attribute: 'employees', op: 'greaterThan', value: 500 },
        {
          any: [
            { attribute: 'country', op: 'is', value: 'KR' },
            { attribute: 'country', op: 'is', value: 'JP' },
          ],
        },
      ],
    },
    route: { agentId: 'u_alex' },
  },
  { id: 'sales-if-open', when: { all: [{ agentsAvailable: true, teamId: 'sales' }] }, route: { teamId: 'sales' } },
  { id: 'support', when: { attribute: 'email', op: 'isNotEmpty' }, route: { teamId: 'support' } },
];

function Editable({ initial }: { initial: RoutingRule[] }) {
  const [value, setValue] = useState(initial);
  return <RuleList rules={value} onChange={setValue} ctx={ctx} />;
}

const meta = {
  title: 'Inbox/Admin/Routing rules',
  component: Editable,
  decorators: [withInbox],
  args: { initial: rules },
} satisfies Meta<typeof Editable>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Ordered rules with nested groups; reorder with the handle or the arrows. */
export const Rules: Story = {};
export const NoRules: Story = { args: { initial: [] } };
export const Korean: Story = { parameters: { lang: 'ko' } };
