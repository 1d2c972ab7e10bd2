import { describe, expect, it } from 'vitest';
import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import { PeerSet, type AgentPeer, type VisitorPeer } from '../live/peers.ts';
import { LocalBroker } from './localBus.ts';
import { PeerRelay } from './peerRelay.ts';

function visitor(log: unknown[]): VisitorPeer {
  return { send: (m) => log.push(m), close: () => {} };
}
function agent(userId: string, log: unknown[]): AgentPeer {
  return { userId, token: 't', send: (m) => log.push(m), close: () => {} };
}
function node(broker: LocalBroker, name: string) {
  const peers = { visitors: new PeerSet<VisitorPeer>(), agents: new PeerSet<AgentPeer>() };
  const relay = new PeerRelay(broker.bus(name), peers);
  relay.start();
  return { peers, relay };
}

describe('relaying to sockets on any node', () => {
  it("reaches a visitor's and an agent's sockets on this node at once and on the other nodes after", async () => {
    const broker = new LocalBroker();
    const [a, b, c] = [node(broker, 'a'), node(broker, 'b'), node(broker, 'c')];
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    const agentTabs: unknown[] = [];
    const sender = visitor([]);
    a.peers.visitors.add('conv1', sender);
    a.peers.visitors.add('conv1', visitor(onA));
    b.peers.visitors.add('conv1', visitor(onB));
    b.peers.agents.add('ann', agent('ann', agentTabs));
    c.peers.agents.add('ann', agent('ann', agentTabs));

    const typing: VisitorServerMessage = {
      type: 'typing',
      on: true,
      agent: { id: 'ann', name: 'Ann', avatarUrl: null },
    };
    a.relay.toVisitor('conv1', typing, sender);
    expect(onA).toEqual([typing]);
    expect(onB).toEqual([]);
    await Promise.resolve();
    expect(onB).toEqual([typing]);

    const gone: AgentServerMessage = { type: 'offerGone', conversationId: 'conv1', reason: 'withdrawn' };
    a.relay.toAgent('ann', gone);
    await Promise.resolve();
    expect(agentTabs).toEqual([gone, gone]); // both of ann's tabs, on two other nodes
  });

  it('delivers nothing after stop', async () => {
    const broker = new LocalBroker();
    const [a, b] = [node(broker, 'a'), node(broker, 'b')];
    const got: unknown[] = [];
    b.peers.agents.add('bob', agent('bob', got));
    b.relay.stop();
    a.relay.toAgent('bob', { type: 'offerGone', conversationId: 'c', reason: 'timeout' });
    await Promise.resolve();
    expect(got).toEqual([]);
  });
});
