import { Client } from '../../testkit.ts';

/**
 * A visitor on the demo page (of the server at `ws`, `ws://host:port`) who starts the demo dialogue and answers what it asks: `answers` are answer ids for
 * questions and texts for captures, in order. Resolves once the last reply's effects arrived (`until`).
 */
export async function walkDemo(ws: string, answers: string[], until: string): Promise<Client> {
  const c = await Client.open(`${ws}/ws/visitor`);
  c.send({ type: 'hello', v: 1, workspace: 'demo', url: 'http://localhost/demo' });
  await c.next('welcome');
  c.send({ type: 'start', id: 's1', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  await c.next('started');
  let n = 0;
  for (const a of answers) {
    const ask = await c.next('ask');
    const id = `r${n++}`;
    c.send(
      ask.kind === 'question'
        ? { type: 'reply', id, cardId: ask.cardId, answerId: a }
        : { type: 'reply', id, cardId: ask.cardId, text: a },
    );
    await c.next((m) => m.type === 'ack' && m.id === id);
  }
  await c.next(until);
  return c;
}
