import { z } from 'zod';

/**
 * One HTTP operation of the runtime's API, declared once: the server validates its input with these schemas and
 * types its answers with them, the web apps' fetch client types its calls with them, and docs/openapi.yaml is
 * generated from them (`npm run openapi`). Platform-free: zod only.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call it (the server checks; the document states it). */
export type Access = 'public' | 'signed-in' | 'admin' | 'marketer' | 'publisher' | 'agent';

export interface ResponseSpec {
  description: string;
  /** JSON body (absent: no body, or `contentType` names what it is). */
  schema?: z.ZodType;
  /** A non-JSON body (`text/plain`, `image/*`, …). */
  contentType?: string;
  headers?: Record<string, string>;
  example?: unknown;
}

export interface Operation {
  operationId: string;
  method: Method;
  /** OpenAPI-style template: `/api/streams/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Path parameters, one property per `{name}` of the path. */
  params?: z.ZodObject;
  /** Query parameters (strings on the wire: numbers are coerced). */
  query?: z.ZodObject;
  /** The JSON request body. */
  body?: z.ZodType;
  /**
   * The body is checked by the handler, not by `body`: a stream document is parsed by the interchange parser,
   * which answers 422 naming the card or edge (the schema still documents and types it).
   */
  bodyCheckedByHandler?: boolean;
  /** A raw (non-JSON) request body with one of these media types (the avatar upload). */
  rawBody?: readonly string[];
  /** Largest accepted request body in bytes (413 past it). */
  maxBody?: number;
  bodyExample?: unknown;
  /** Answers other than errors, by status. */
  responses: Record<number, ResponseSpec>;
  /** Error statuses the operation may answer with `{error:{code,message}}` (see ERROR_STATUSES). */
  errors: readonly ErrorStatus[];
}

/** The `reason`s an error may carry (see `errorSchema`): stable, for clients to put in their own words. */
export const API_ERROR_REASONS = ['reversed', 'unreadable', 'too-long', 'too-many-words', 'bad-cursor'] as const;
export type ApiErrorReason = (typeof API_ERROR_REASONS)[number];

/** Every failure: JSON `{"error":{"code","message"}}` (more fields where an operation says so). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable, machine-readable (`invalid`, `not-found`, …)' }),
      message: z.string().meta({ description: 'For people; names the field at fault (`params.id: …`)' }),
      field: z.string().optional().meta({
        description: 'The parameter or body field at fault, where one is (`from`, `q`, `email`, `params.id`)',
      }),
      reason: z
        .enum(API_ERROR_REASONS)
        .optional()
        .meta({
          description:
            'Finer than `code`, for a client to say the error in its own language: `reversed` (a range whose ' +
            '`from` is after its `to`), `unreadable` (a day that cannot be read), `too-long` (a range longer than ' +
            'allowed), `too-many-words` (a search past its word limit), `bad-cursor` (a cursor this server did not give)',
        }),
    }),
  })
  .meta({
    id: 'Error',
    examples: [{ error: { code: 'invalid', message: 'name: Too small: expected string to have >=1 characters' } }],
  });
export type ApiErrorBody = z.infer<typeof errorSchema>;

/** The error statuses the server answers, with what each means across the API. */
export const ERROR_STATUSES = {
  400: 'Malformed JSON, or a parameter or field that breaks the schema (the message names it: `params.id: …`, `limit: …`, `name: …`)',
  401: 'Not signed in',
  403: 'The role does not allow it, or a cross-site request made with the cookie',
  404: 'Unknown id',
  409: 'Conflicts with existing data',
  413: 'The body is larger than the operation allows',
  415: 'Unsupported media type',
  422: 'Well-formed but refused: refers to something unknown or not allowed',
  429: 'Too many requests (sign-in throttling, docs/security.md): wait for `Retry-After` seconds',
} as const;
export type ErrorStatus = keyof typeof ERROR_STATUSES;

/** Declares an operation, keeping its literal types (the server and the client are typed from them). */
export function defineOperation<const O extends Operation>(o: O): O {
  return o;
}

/** The error statuses that come with who may call an operation. */
export function accessErrors(access: Access): ErrorStatus[] {
  if (access === 'public') return [];
  if (access === 'signed-in') return [401];
  return [401, 403];
}

/** A path parameter: any non-empty string up to 100 characters (ids are never longer). */
export const idParam = z.string().min(1).max(100);

/** An integer query parameter (a string on the wire). */
export const intQuery = () => z.coerce.number<string>().int();

// ------------------------------------------------------------- types the server and the client derive

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

export type ParamsOf<O extends Operation> = Out<O['params']>;
export type QueryOf<O extends Operation> = Out<O['query']>;
/** What a client sends as query: the schema's input with numbers allowed for coerced fields. */
export type QueryInputOf<O extends Operation> = O['query'] extends z.ZodObject
  ? { [K in keyof z.output<O['query']>]?: z.output<O['query']>[K] | string }
  : undefined;
export type BodyOf<O extends Operation> = Out<O['body']>;
export type BodyInputOf<O extends Operation> = In<O['body']>;

/** The statuses of an operation's answers that carry a JSON schema. */
export type JsonStatus<O extends Operation> = {
  [S in keyof O['responses']]: O['responses'][S] extends { schema: z.ZodType } ? S : never;
}[keyof O['responses']] &
  number;

/** Read-only at every depth: what a server may answer with (its own data is often read-only). */
type Frozen<T> = T extends (infer E)[]
  ? readonly Frozen<E>[]
  : T extends Record<string, unknown>
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

/** The JSON an operation answers with `status` (as the server builds it: the schema's input side). */
export type ResponseOf<O extends Operation, S extends JsonStatus<O>> = O['responses'][S] extends {
  schema: infer T extends z.ZodType;
}
  ? Frozen<z.input<T>>
  : never;

/** The JSON of the operation's success (the lowest 2xx with a schema), as a client reads it. */
export type SuccessOf<O extends Operation> = {
  [S in keyof O['responses']]: S extends 200 | 201
    ? O['responses'][S] extends { schema: infer T extends z.ZodType }
      ? z.output<T>
      : never
    : never;
}[keyof O['responses']];
