import { STATUS_CODES } from 'node:http';
import type uWS from 'uws';
import { HttpError, errorRes, json, type Handler, type Req, type Res } from '../http/types.ts';
import type { Router } from '../http/router.ts';

export interface HttpTransportOptions {
  router: Router;
  /** GET requests no API route matched (pages, static files). */
  fallback: Handler;
  /** An unexpected exception in a handler: logged, answered with 500 (the process goes on). */
  onError(err: unknown, req: Req): void;
  /** Called after every response, for metrics. */
  onResponse?(req: Req, status: number, route: string): void;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * Serves every HTTP request of the app through the route table. Follows the uws rules: request data is copied
 * before the handler returns, every response has an abort handler, writes after an await are corked, and the
 * body is read with a size limit (413 as soon as it is passed, before reading the rest).
 */
export function mountHttp(app: uWS.TemplatedApp, opts: HttpTransportOptions): void {
  app.any('/*', (res, ureq) => {
    const method = ureq.getMethod().toUpperCase();
    const path = ureq.getUrl();
    const headers: Record<string, string> = {};
    ureq.forEach((k, v) => (headers[k] = v));
    const req: Req = {
      method,
      path,
      query: new URLSearchParams(ureq.getQuery() ?? ''),
      headers,
      params: {},
      body: Buffer.alloc(0),
      ip: Buffer.from(res.getRemoteAddressAsText()).toString(),
    };
    let done = false;
    res.onAborted(() => (done = true));

    const send = (out: Res, routeName: string, closeConnection = false) => {
      if (done) return;
      done = true;
      res.cork(() => {
        res.writeStatus(`${out.status} ${STATUS_CODES[out.status] ?? ''}`);
        for (const [k, v] of Object.entries(out.headers ?? {})) res.writeHeader(k, v);
        res.end(out.body ?? '', closeConnection);
      });
      opts.onResponse?.(req, out.status, routeName);
    };
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

    const match = opts.router.match(method, path);
    if (match.kind === 'method-not-allowed') {
      return send(
        {
          ...errorRes(new HttpError(405, 'method-not-allowed', `${method} is not allowed here`)),
          headers: { allow: match.allow.join(', '), 'content-type': 'application/json; charset=utf-8' },
        },
        'unmatched',
      );
    }
    if (match.kind === 'none') {
      // Pages are only served outside /api/: an unknown API route answers the API's JSON error whatever the method.
      if ((method !== 'GET' && method !== 'HEAD') || path === '/api' || path.startsWith('/api/')) {
        return send(errorRes(new HttpError(404, 'not-found', `no route ${method} ${path}`)), 'unmatched');
      }
      return run(opts.fallback, 'page');
    }
    req.params = match.params;
    const routeName = `${match.route.method} ${match.route.path}`;
    const maxBody = match.route.maxBody ?? DEFAULT_MAX_BODY;
    const declared = Number(headers['content-length'] ?? '0');
    if (declared > maxBody) return send(tooLarge(maxBody), routeName, true);
    if (method === 'GET' || (declared === 0 && !headers['transfer-encoding']))
      return run(match.route.handler, routeName);

    const chunks: Buffer[] = [];
    let size = 0;
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > maxBody) return send(tooLarge(maxBody), routeName, true);
      // uws reuses the chunk's memory after this callback returns: copy it.
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) {
        req.body = Buffer.concat(chunks);
        run(match.route.handler, routeName);
      }
    });
  });
}

function tooLarge(max: number): Res {
  return errorRes(new HttpError(413, 'too-large', `the request body is larger than ${max} bytes`));
}
