import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentClientMessageSchema, agentServerMessageSchema } from '../../shared/protocol/agent.ts';
import {
  resolveResponseSchema,
  visitorClientMessageSchema,
  visitorServerMessageSchema,
} from '../../shared/protocol/visitor.ts';
import { transcriptItemSchema } from '../../shared/protocol/common.ts';
import type { z } from 'zod';

// docs/protocol.md promises an example of every message; each example must parse with the schema it illustrates.
const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```json ([\w-]+)\n([\s\S]*?)```/g)].map((m) => ({
  tag: m[1],
  json: JSON.parse(m[2]),
}));

const schemas: Record<string, z.ZodType> = {
  resolve: resolveResponseSchema,
  'visitor-client': visitorClientMessageSchema,
  'visitor-server': visitorServerMessageSchema,
  'agent-client': agentClientMessageSchema,
  'agent-server': agentServerMessageSchema,
};

/** The `type` literals a discriminated union accepts. */
function typesOf(schema: z.ZodType): string[] {
  const def = (schema as any)._zod.def;
  return def.options.flatMap((o: any) =>
    o._zod.def.options ? typesOf(o) : [o._zod.def.shape.type._zod.def.values[0]],
  );
}

describe('docs/protocol.md', () => {
  it('has examples that parse with their schemas', () => {
    expect(blocks.length).toBeGreaterThan(30);
    for (const b of blocks) {
      const schema = schemas[b.tag];
      expect(schema, b.tag).toBeDefined();
      const r = schema.safeParse(b.json);
      expect(r.success, `${b.tag} ${JSON.stringify(b.json)}: ${r.error?.message}`).toBe(true);
    }
  });

  it('shows every message type of both protocols', () => {
    for (const tag of ['visitor-client', 'visitor-server', 'agent-client', 'agent-server']) {
      const shown = new Set(blocks.filter((b) => b.tag === tag).map((b) => b.json.type));
      expect(typesOf(schemas[tag]).length).toBeGreaterThan(5);
      for (const t of typesOf(schemas[tag])) expect(shown.has(t), `${tag} ${t}`).toBe(true);
    }
  });

  it('shows every transcript entry type', () => {
    const shown = new Set<string>();
    const walk = (v: any): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        if (typeof v.seq === 'number' && typeof v.type === 'string') shown.add(v.type);
        Object.values(v).forEach(walk);
      }
    };
    blocks.forEach((b) => walk(b.json));
    expect(new Set(typesOf(transcriptItemSchema)).size).toBe(12);
    for (const t of new Set(typesOf(transcriptItemSchema))) expect(shown.has(t), t).toBe(true);
  });
});
