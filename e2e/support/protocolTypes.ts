import { agentClientMessageSchema } from '../../shared/protocol/agent.ts';
import { visitorClientMessageSchema } from '../../shared/protocol/visitor.ts';

export interface MessageType {
  type: string;
  fields: string[];
}

/** Every client → server message type of a socket protocol, with its field names, from shared/protocol. */
function typesOf(union: { options: readonly unknown[] }): MessageType[] {
  return union.options.map((o) => {
    const shape = (o as { shape: Record<string, { value?: string }> }).shape;
    return { type: String(shape.type.value), fields: Object.keys(shape).filter((k) => k !== 'type') };
  });
}

export const VISITOR_TYPES = typesOf(visitorClientMessageSchema as never);
export const AGENT_TYPES = typesOf(agentClientMessageSchema as never);
