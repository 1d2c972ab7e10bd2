import { STATUS_CODES } from 'node:http';
import type uWS from 'uws';
import { HttpError, errorRes, json, type Handler, type Req, type Res } from '../http/types.ts';
import type { Router } from '../http/router.ts';
import type { BodyBudget } from '../security/bodyBudget.ts';
import { SECURITY_HEADERS } from '../security/headers.ts';

export interface HttpTransportOptions {
  router: Router;
  /** GET requests no API route matched (pages, static files). */
  fallback: Handler;
  /** An unexpected exception in a handler: logged, answered with 500 (the process goes on). */
  onError(err: unknown, req: Req): void;
  /** Called after every response, for metrics. */
  onResponse?(req: Req, status: number, route: string): void;
  /** The client's address from the peer's and `X-Forwarded-For` (only believed from trusted proxies). */
  clientAddress(peer: string, forwardedFor: string | undefined): string;
  /** Whether the request carries a valid session: a body for a non-public route is read only then. */
  authenticated(req: Req): boolean | Promise<boolean>;
  /** Bytes of request bodies being read at once, across all requests. */
  budget: BodyBudget;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const PAGE_METHODS = 'GET, HEAD';

/**
 * Serves every HTTP request of the app through the route table. Follows the uws rules: request data is copied
 * before the handler returns, every response has an abort handler, writes after an await are corked. Before any
 * byte of a body is buffered: the framing is checked (one Content-Length, not with Transfer-Encoding), the route's
 * size limit, the caller's session (except on public routes such as sign-in) and the global body budget; a
 * refusal answers at once and closes the connection, so the rest of the body is never read.
 */
export function mountHttp(app: uWS.TemplatedApp, opts: HttpTransportOptions): void {
  app.any('/*', (res, ureq) => {
    const method = ureq.getMethod().toUpperCase();
    const path = ureq.getUrl();
    const headers: Record<string, string> = {};
    let lengths = 0;
    let conflicting = false;
    ureq.forEach((k, v) => {
      if (k === 'content-length') {
        lengths++;
        if (headers[k] !== undefined && headers[k] !== v) conflicting = true;
      }
      headers[k] = v;
    });
    const req: Req = {
      method,
      path,
      query: new URLSearchParams(ureq.getQuery() ?? ''),
      headers,
      params: {},
      body: Buffer.alloc(0),
      ip: opts.clientAddress(Buffer.from(res.getRemoteAddressAsText()).toString(), headers['x-forwarded-for']),
    };
    let done = false;
    /** The client went away (a streamed body stops). */
    let aborted = false;
    let writable: (() => void) | undefined;
    let reserved = 0;
    const release = () => {
      opts.budget.release(reserved);
      reserved = 0;
    };
    res.onAborted(() => {
      done = true;
      aborted = true;
      release();
      if (writable) setImmediate(writable);
    });

    const send = (out: Res, routeName: string, closeConnection = false) => {
      release();
      if (done) return;
      done = true;
      res.cork(() => {
        res.writeStatus(`${out.status} ${STATUS_CODES[out.status] ?? ''}`);
        for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...out.headers })) res.writeHeader(k, v);
        if (!out.stream) res.end(out.body ?? '', closeConnection);
      });
      if (out.stream) return void pump(out.stream[Symbol.asyncIterator](), out.status, routeName);
      opts.onResponse?.(req, out.status, routeName);
    };
    /** Writes a streamed body chunk by chunk, waiting for the socket to drain whenever uws holds a backlog. */
    const pump = async (it: AsyncIterator<string | Uint8Array>, status: number, routeName: string) => {
      try {
        for (;;) {
          const next = await it.next();
          if (aborted) break;
          if (next.done) {
            res.cork(() => res.end());
            return opts.onResponse?.(req, status, routeName);
          }
          let drained = true;
          res.cork(() => (drained = res.write(next.value)));
          if (!drained && !aborted)
            await new Promise<void>((resolve) => {
              writable = resolve;
              // Resumed from the event loop, not inside uws's callback: uws does not run the microtasks a
              // promise resolved there queues until some other event comes in.
              res.onWritable(() => {
                setImmediate(resolve);
                return true;
              });
            });
          writable = undefined;
          if (aborted) break;
        }
        await it.return?.();
      } catch (err) {
        // The status went out already: all that is left is to cut the connection, so the client sees it fail.
        opts.onError(err, req);
        if (!aborted) res.close();
        await Promise.resolve(it.return?.()).catch(() => undefined);
      }
    };
    const fail = (err: HttpError, routeName: string, close = false) => send(errorRes(err), routeName, close);
    const run = (handler: Handler, routeName: string) => {
      Promise.resolve()
        .then(() => handler(req))
        .then(
          (out) => send(out, routeName),
          (err) => {
            if (err instanceof HttpError) return send(errorRes(err), routeName);
            opts.onError(err, req);
            send(json(500, { error: { code: 'internal', message: 'unexpected server error' } }), routeName);
          },
        );
    };

    // Request smuggling: two different lengths, or a length beside chunked framing, cannot be read one way only.
    const declaredRaw = headers['content-length'];
    if (conflicting || (lengths > 0 && headers['transfer-encoding']) || (declaredRaw && !/^\d+$/.test(declaredRaw)))
      return fail(new HttpError(400, 'bad-framing', 'conflicting or malformed Content-Length'), 'unmatched', true);

    const match = opts.router.match(method, path);
    if (match.kind === 'method-not-allowed') {
      return send(
        {
          ...errorRes(new HttpError(405, 'method-not-allowed', `${method} is not allowed here`)),
          headers: { allow: match.allow.join(', '), 'content-type': 'application/json; charset=utf-8' },
        },
        'unmatched',
        hasBody(headers),
      );
    }
    if (match.kind === 'none') {
      // Pages are only served outside /api/: an unknown API route answers the API's JSON error whatever the method.
      if (path === '/api' || path.startsWith('/api/'))
        return fail(new HttpError(404, 'not-found', `no route ${method} ${path}`), 'unmatched', hasBody(headers));
      if (method !== 'GET' && method !== 'HEAD') {
        return send(
          {
            ...errorRes(new HttpError(405, 'method-not-allowed', `${method} is not allowed here`)),
            headers: { allow: PAGE_METHODS, 'content-type': 'application/json; charset=utf-8' },
          },
          'unmatched',
          hasBody(headers),
        );
      }
      return run(opts.fallback, 'page');
    }
    req.params = match.params;
    const route = match.route;
    const routeName = `${route.method} ${route.path}`;
    const maxBody = route.maxBody ?? DEFAULT_MAX_BODY;
    const declared = Number(declaredRaw ?? '0');
    if (declared > maxBody) return fail(tooLarge(maxBody), routeName, true);
    if (method === 'GET' || method === 'HEAD' || !hasBody(headers)) return run(route.handler, routeName);
    // The caller's session first (a stranger's upload costs nothing), then the budget, then the body.
    const verdict = route.public ? true : opts.authenticated(req);
    if (verdict === false) return fail(new HttpError(401, 'unauthorized', 'sign in first'), routeName, true);
    if (declared > 0 && !opts.budget.reserve(declared)) return fail(busy(), routeName, true);
    reserved = declared;

    // Data that arrives before onData is attached is lost: attach it now, whatever the session check still does.
    const chunks: Buffer[] = [];
    let size = 0;
    let complete = false;
    let allowed = verdict === true;
    const proceed = () => {
      if (done || !complete || !allowed) return;
      req.body = Buffer.concat(chunks);
      chunks.length = 0;
      run(route.handler, routeName);
    };
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > maxBody) return fail(tooLarge(maxBody), routeName, true);
      if (size > reserved) {
        // Chunked (or longer than declared): reserve as it comes.
        if (!opts.budget.reserve(size - reserved)) return fail(busy(), routeName, true);
        reserved = size;
      }
      // uws reuses the chunk's memory after this callback returns: copy it.
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) {
        complete = true;
        proceed();
      }
    });
    if (verdict !== true) {
      verdict.then(
        (ok) => {
          if (!ok) return fail(new HttpError(401, 'unauthorized', 'sign in first'), routeName, true);
          allowed = true;
          proceed();
        },
        (err) => {
          opts.onError(err, req);
          send(json(500, { error: { code: 'internal', message: 'unexpected server error' } }), routeName, true);
        },
      );
    }
  });
}

function hasBody(headers: Readonly<Record<string, string>>): boolean {
  return Number(headers['content-length'] ?? '0') > 0 || headers['transfer-encoding'] !== undefined;
}

function tooLarge(max: number): HttpError {
  return new HttpError(413, 'too-large', `the request body is larger than ${max} bytes`);
}

function busy(): HttpError {
  return new HttpError(503, 'busy', 'the server is reading too many uploads; try again shortly', undefined, {
    'retry-after': '5',
  });
}
