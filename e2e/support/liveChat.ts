import { Client } from '../../runtime/server/testkit.ts';

/** The demo agent's socket, online. */
export async function onlineAgent(ws: string, token: string): Promise<{ agent: Client; hello: any }> {
  const agent = await Client.open(`${ws}/ws/agent?token=${token}`);
  const hello = await agent.next('hello');
  agent.send({ type: 'status', status: 'online' });
  await agent.next('status');
  return { agent, hello };
}

/** A visitor goes through the demo dialogue to a live chat that `agent` accepts. */
export async function demoLiveChat(
  ws: string,
  agent: Client,
  name: string,
): Promise<{ visitor: Client; visitorId: string; visitorToken: string; conversationId: string }> {
  const visitor = await Client.open(`${ws}/ws/visitor`);
  visitor.send({ type: 'hello', v: 2, workspace: 'demo', url: 'http://localhost/demo' });
  const { visitorId, visitorToken } = await visitor.next('welcome');
  visitor.send({ type: 'start', id: 's', dialogueId: 'd_demo', url: 'http://localhost/demo' });
  const { conversationId } = await visitor.next('started');
  visitor.send({ type: 'reply', id: 'r1', cardId: 'ask', answerId: 'yes' });
  await visitor.next((m) => m.type === 'ask' && m.attribute === 'firstName');
  visitor.send({ type: 'reply', id: 'r2', cardId: 'name', text: name });
  await visitor.next((m) => m.type === 'ask' && m.attribute === 'email');
  visitor.send({ type: 'reply', id: 'r3', cardId: 'email', text: `${name.toLowerCase()}@example.com` });
  await agent.next((m) => m.type === 'offer' && m.offer.conversationId === conversationId, 10_000);
  agent.send({ type: 'accept', conversationId });
  await visitor.next('agentJoined', 10_000);
  return { visitor, visitorId, visitorToken, conversationId };
}
