import { z } from 'zod';
import { ERROR_STATUSES, errorSchema, type Access, type ErrorStatus, type Operation } from './operation.ts';
import { operations } from './routes.ts';

/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table (docs/openapi.yaml is this, written by
 * `npm run openapi`; a test fails when the committed file differs). Named schemas (`.meta({ id })`) become
 * components; everything else is written where it is used.
 */
type Json = Record<string, any>;

const ACCESS: Record<Access, string> = {
  public: 'Public: no sign-in.',
  'signed-in': 'Any signed-in user.',
  admin: 'Admins.',
  marketer: 'Marketers and admins.',
  publisher: 'Marketers with the publish permission, and admins.',
  agent: 'Agents with live chat or view-all, and admins.',
};

/** Component names of the shared error answers. */
const ERROR_RESPONSES: Record<ErrorStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'TooLarge',
  415: 'UnsupportedType',
  422: 'Unprocessable',
  429: 'TooManyRequests',
};

export function openapiDocument(ops: readonly Operation[] = operations): Json {
  const schemas: Json = {};
  const toSchema = (s: z.ZodType): Json => convert(s, schemas);
  const error = toSchema(errorSchema);
  const paths: Json = {};
  for (const op of ops) {
    paths[op.path] ??= {};
    paths[op.path][op.method.toLowerCase()] = operationObject(op, toSchema);
  }
  const used = new Set(ops.flatMap((o) => o.errors));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tributary runtime API',
      version: '1.0.0',
      license: { name: 'MIT', identifier: 'MIT' },
      description: [
        'The HTTP API of the Tributary runtime (API, pages, visitor and agent WebSockets, co-editing in one process).',
        'Generated from the route table in shared/api (`npm run openapi`): the server validates every request',
        'with the same schemas, so the limits written here are the limits enforced.',
        '',
        'Authentication: `POST /api/session` answers a token and sets the `tributary_session` cookie (HttpOnly,',
        'SameSite=Lax). Send the token as `Authorization: Bearer …`, or rely on the cookie in the browser (a',
        'cookie-authenticated request that changes state must come from the same site).',
        '',
        'Errors are `{"error":{"code","message"}}`; a message about input names the field: `params.<name>` for a',
        'path parameter, the parameter name for a query parameter, the field path for a body.',
        'The WebSocket protocols (`/ws/visitor`, `/ws/agent`) are described in docs/protocol.md;',
        '`/collab/{streamId}` speaks the standard y-websocket protocol.',
      ].join('\n'),
    },
    servers: [{ url: '/', description: 'The runtime serving the API (`npm start`: port 8080)' }],
    security: [{ bearer: [] }, { cookie: [] }],
    tags: [
      { name: 'system', description: 'Health and metrics' },
      { name: 'session', description: 'Sign-in and sign-out' },
      { name: 'users', description: 'Users, agents, own profile' },
      { name: 'workspace', description: 'Teams, settings, routing rules, attributes' },
      { name: 'streams', description: 'Streams, their drafts and published versions' },
      { name: 'dialogues', description: 'Published streams with targeting' },
      { name: 'widget', description: "The widget loader's call" },
      { name: 'live', description: 'Conversations and routing' },
      { name: 'results', description: 'What published streams achieve, leads, webhooks' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token of `POST /api/session`' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'tributary_session' },
      },
      responses: Object.fromEntries(
        (Object.keys(ERROR_RESPONSES) as unknown as ErrorStatus[])
          .filter((s) => used.has(Number(s) as ErrorStatus))
          .map((s) => [
            ERROR_RESPONSES[s],
            {
              description: ERROR_STATUSES[s],
              content: { 'application/json': { schema: error } },
            },
          ]),
      ),
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

function operationObject(op: Operation, toSchema: (s: z.ZodType) => Json): Json {
  const o: Json = { operationId: op.operationId, tags: [op.tag], summary: op.summary };
  const notes = [op.description, ACCESS[op.access]];
  if (op.maxBody !== undefined) notes.push(`The body may be at most ${bytes(op.maxBody)} (413 past it).`);
  o.description = notes.filter(Boolean).join('\n\n');
  if (op.access === 'public') o.security = [];
  const parameters = [...parametersOf(op.params, 'path', toSchema), ...parametersOf(op.query, 'query', toSchema)];
  if (parameters.length) o.parameters = parameters;
  if (op.body) {
    const accepts = (v: unknown) => op.body!.safeParse(v).success;
    const example = op.bodyExample ?? exampleOf(op.body);
    o.requestBody = {
      required: !accepts(undefined) && !accepts(null),
      content: { 'application/json': { schema: toSchema(op.body), ...(example !== undefined ? { example } : {}) } },
    };
  } else if (op.rawBody) {
    o.requestBody = {
      required: true,
      content: Object.fromEntries(op.rawBody.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
    };
  }
  if (op.maxBody !== undefined) o['x-max-body-bytes'] = op.maxBody;
  o.responses = {};
  for (const [status, r] of Object.entries(op.responses)) {
    const res: Json = { description: r.description };
    if (r.headers)
      res.headers = Object.fromEntries(
        Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
      );
    if (r.schema) {
      const example = r.example ?? exampleOf(r.schema);
      res.content = {
        'application/json': { schema: toSchema(r.schema), ...(example !== undefined ? { example } : {}) },
      };
    } else if (r.contentType) {
      res.content = {
        [r.contentType]: {
          schema: {
            type: 'string',
            ...(r.contentType.startsWith('image/') ? { contentMediaType: r.contentType } : {}),
          },
          ...(r.example !== undefined ? { example: r.example } : {}),
        },
      };
    }
    o.responses[status] = res;
  }
  for (const s of op.errors) o.responses[s] = { $ref: `#/components/responses/${ERROR_RESPONSES[s]}` };
  return o;
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query', toSchema: (s: z.ZodType) => Json) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, s]) => {
    const json = toSchema(s as z.ZodType);
    const { description, ...rest } = json;
    const optional = (s as z.ZodType).safeParse(undefined).success;
    return {
      name,
      in: where,
      required: where === 'path' || !optional,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The first example a schema's metadata gives (an array's: one of its element's). */
function exampleOf(s: z.ZodType): unknown {
  const meta = z.globalRegistry.get(s) as { examples?: unknown[] } | undefined;
  if (meta?.examples?.length) return meta.examples[0];
  if (s instanceof z.ZodArray) {
    const e = exampleOf(s.element as z.ZodType);
    return e === undefined ? undefined : [e];
  }
  return undefined;
}

/** JSON Schema of `s` (the input side: what may be sent), its named parts moved to `schemas`. */
function convert(s: z.ZodType, schemas: Json): Json {
  const json = z.toJSONSchema(s, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    reused: 'inline',
    cycles: 'ref',
  }) as Json;
  delete json.$schema;
  const defs: Json = json.$defs ?? {};
  delete json.$defs;
  for (const [name, def] of Object.entries(defs)) {
    const clean = tidy(def);
    if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(clean))
      throw new Error(`two different schemas are named ${name}`);
    schemas[name] = clean;
  }
  return tidy(json);
}

/** Points `$ref`s at the components and drops the bounds that only restate "a safe integer". */
function tidy(v: any): any {
  if (Array.isArray(v)) return v.map(tidy);
  if (!v || typeof v !== 'object') return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '$ref' && typeof x === 'string') out[k] = x.replace('#/$defs/', '#/components/schemas/');
    else if ((k === 'maximum' && x === Number.MAX_SAFE_INTEGER) || (k === 'minimum' && x === -Number.MAX_SAFE_INTEGER))
      continue;
    else out[k] = tidy(x);
  }
  return out;
}

function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
