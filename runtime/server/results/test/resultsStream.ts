/**
 * A stream with every kind of move results count: a message, questions, captures (one validated), a condition,
 * an action, goals with scores, two ways into live chat and branches that end without an edge.
 */
export const RESULTS_STREAM = {
  format: 'tributary.stream/1',
  name: 'Results test',
  start: 'hello',
  cards: [
    { id: 'hello', type: 'message', data: { text: 'Hi!' } },
    {
      id: 'ask',
      type: 'question',
      data: {
        prompt: 'What brings you here?',
        answers: [
          { id: 'a', label: 'Buying' },
          { id: 'b', label: 'Browsing' },
          { id: 'c', label: 'Nothing' },
        ],
      },
    },
    {
      id: 'co',
      type: 'capture',
      data: { attribute: 'company', prompt: 'Company?', input: 'text', ifKnown: 'overwrite' },
    },
    {
      id: 'cond',
      type: 'condition',
      data: { branches: [{ id: 'vip', when: { attribute: 'company', op: 'is', value: 'Acme' } }] },
    },
    { id: 'vipGoal', type: 'goal', data: { name: 'vip', score: 3 } },
    { id: 'em', type: 'capture', data: { attribute: 'email', prompt: 'Email?', input: 'text', ifKnown: 'overwrite' } },
    { id: 'lead', type: 'goal', data: { name: 'lead', score: 1 } },
    { id: 'bye', type: 'message', data: { text: 'Thanks!' } },
    { id: 'act', type: 'action', data: { attribute: 'jobTitle', value: 'browser' } },
    { id: 'browse', type: 'goal', data: { name: 'browse' } },
    {
      id: 'ask2',
      type: 'question',
      data: {
        prompt: 'Talk to someone?',
        answers: [
          { id: 'yes', label: 'Yes' },
          { id: 'no', label: 'No' },
        ],
      },
    },
    { id: 'chat', type: 'liveChat', data: { routing: { mode: 'roundRobin' } } },
  ],
  edges: [
    { from: 'hello', to: 'ask' },
    { from: 'ask', port: 'a', to: 'co' },
    { from: 'co', to: 'cond' },
    { from: 'cond', port: 'vip', to: 'vipGoal' },
    { from: 'vipGoal', to: 'chat' },
    { from: 'cond', port: 'else', to: 'em' },
    { from: 'em', to: 'lead' },
    { from: 'lead', to: 'bye' },
    { from: 'ask', port: 'b', to: 'act' },
    { from: 'act', to: 'browse' },
    { from: 'browse', to: 'ask2' },
    { from: 'ask2', port: 'yes', to: 'chat' },
  ],
};
