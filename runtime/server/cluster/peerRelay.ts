import type { AgentServerMessage } from '../../../shared/protocol/agent.ts';
import type { VisitorServerMessage } from '../../../shared/protocol/visitor.ts';
import type { AgentPeer, PeerSet, VisitorPeer } from '../live/peers.ts';
import type { EventBus } from './eventBus.ts';

/** This node's open sockets: visitors by conversation id, agents by user id. */
export interface LocalPeers {
  visitors: PeerSet<VisitorPeer>;
  agents: PeerSet<AgentPeer>;
}

type Relayed = ['v', string, VisitorServerMessage] | ['a', string, AgentServerMessage];

const CHANNEL = 'peers';

/**
 * Sends to a conversation's visitor sockets or to an agent's sockets wherever they are connected: this node's at
 * once, the other nodes' through the bus (each node delivers to its own). Call it only once what the message
 * tells is durable: the bus may lose a message, and a client that missed one catches up from the store by seq.
 */
export class PeerRelay {
  private off: (() => void) | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly local: LocalPeers,
  ) {}

  /** Starts delivering what other nodes relay to this node's sockets. */
  start(): void {
    this.off ??= this.bus.subscribe(CHANNEL, (body) => this.receive(body as Relayed));
  }

  stop(): void {
    this.off?.();
    this.off = undefined;
  }

  /** To every socket of the conversation's visitor (but `except`, the sender's own socket). */
  toVisitor(conversationId: string, msg: VisitorServerMessage, except?: VisitorPeer): void {
    for (const p of this.local.visitors.get(conversationId)) if (p !== except) p.send(msg);
    this.bus.publish(CHANNEL, ['v', conversationId, msg] satisfies Relayed);
  }

  /** To every socket (tab) of the agent. */
  toAgent(agentId: string, msg: AgentServerMessage): void {
    for (const p of this.local.agents.get(agentId)) p.send(msg);
    this.bus.publish(CHANNEL, ['a', agentId, msg] satisfies Relayed);
  }

  private receive([kind, id, msg]: Relayed): void {
    if (kind === 'v') for (const p of this.local.visitors.get(id)) p.send(msg as VisitorServerMessage);
    else for (const p of this.local.agents.get(id)) p.send(msg as AgentServerMessage);
  }
}
