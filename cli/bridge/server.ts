/**
 * The browser bridge: the renderer and the typed API over HTTP on 127.0.0.1, for `rootline serve`,
 * `npm start` without an Electron runtime, and the end-to-end tests.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RootlineEngine } from '../../engine/api/engine';
import { RootlineError } from '../../engine/api/errors';
import { isApiMethod } from '../../engine/api/surface';
import { hostAllowed, newToken, originAllowed, tokenCookie, tokenValid } from './security';
import { serveStatic } from './static';

export interface BridgeOptions {
  engine: RootlineEngine;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest upload accepted (bytes). */
  maxUpload?: number;
}

export interface Bridge {
  server: Server;
  port: number;
  token: string;
  /** The URL to open: it carries the token once, the page then lives on the cookie. */
  url: string;
  close(): Promise<void>;
}

const STATUS: Record<string, number> = {
  'not-found': 404, unreadable: 403, 'bad-option': 400, cancelled: 409, corrupt: 422, internal: 500,
  syntax: 400, 'not-read-only': 403, timeout: 408, 'too-large': 413,
};
const MAX_BODY = 4 * 1024 * 1024;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new RootlineError('bad-option', 'request body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? newToken();
  const maxUpload = opts.maxUpload ?? 2 * 1024 ** 3;
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'internal', message: (e as Error).message } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding and cross-site requests are refused before anything else.
    if (!hostAllowed(req, port)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'foreign Host header' } });
    if (!originAllowed(req, port)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'foreign Origin' } });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'GET' && url.searchParams.get('token') === token) {
      res.writeHead(303, { location: url.pathname, 'set-cookie': tokenCookie(token) }).end();
      return;
    }
    if (!tokenValid(req, token)) {
      if (url.pathname.startsWith('/api/')) return json(res, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } });
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Open the URL printed by `rootline serve` (it carries the access token).');
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return events(res);
    if (url.pathname === '/api/upload' && req.method === 'POST') return upload(req, res, url);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: { code: 'bad-option', message: 'use POST' } });
      const method = url.pathname.slice('/api/'.length);
      if (!isApiMethod(method)) return json(res, 404, { ok: false, error: { code: 'not-found', message: `no API method ${method}` } });
      let args: unknown[];
      try {
        const body = JSON.parse((await readBody(req)) || '{}') as { args?: unknown[] };
        args = Array.isArray(body.args) ? body.args : [];
      } catch (e) {
        return json(res, 400, { ok: false, error: { code: 'bad-option', message: e instanceof RootlineError ? e.message : 'body is not JSON' } });
      }
      try {
        const fn = opts.engine[method] as (...a: unknown[]) => Promise<unknown>;
        const result = await fn.apply(opts.engine, args);
        return json(res, 200, { ok: true, result });
      } catch (e) {
        if (e instanceof RootlineError) return json(res, STATUS[e.code] ?? 500, { ok: false, error: { code: e.code, message: e.message } });
        return json(res, 500, { ok: false, error: { code: 'internal', message: (e as Error).message } });
      }
    }
    if (req.method !== 'GET') return json(res, 405, { ok: false, error: { code: 'bad-option', message: 'method not allowed' } });
    serveStatic(opts.rendererDir, url.pathname, res);
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = opts.engine.onJob((s) => res.write(`event: job\ndata: ${JSON.stringify(s)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      off();
      clearInterval(ping);
    });
  }

  /** A bundle uploaded from the browser lands in a private temp dir; the page then ingests that path. */
  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const name = basename(url.searchParams.get('name') ?? 'bundle').replace(/[^A-Za-z0-9._-]+/g, '_') || 'bundle';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxUpload) return json(res, 413, { ok: false, error: { code: 'bad-option', message: `upload larger than ${maxUpload} bytes` } });
    const dir = mkdtempSync(join(tmpdir(), 'rootline-upload-'));
    const path = join(dir, name);
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxUpload) req.destroy(new Error('upload too large'));
    });
    try {
      await pipeline(req, createWriteStream(path));
    } catch (e) {
      return json(res, 413, { ok: false, error: { code: 'bad-option', message: (e as Error).message } });
    }
    json(res, 200, { ok: true, result: { path } });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
