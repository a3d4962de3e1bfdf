// The catalog API of the healthy-noisy sample: a small Node HTTP service over an in-memory catalog,
// logging with the real pino + pino-http to the file named by API_LOG. Its pino setup is the team's,
// not pino's defaults: ISO timestamps (pino.stdTimeFunctions.isoTime), level labels instead of numbers,
// the message under "message", a request id per request (taken from x-request-id or a new UUID) as
// "reqId" on every line logged for that request, and errors through pino's err serializer (type,
// message, stack, code). 4xx are logged at warn, 5xx and aborted responses at error; bad input is also
// logged by the handler with its exception (the stack trace of the JSON parser or the validator).
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { setTimeout } from 'node:timers';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 18182);
const seconds = Number(process.env.API_SECONDS ?? 360);
const dest = pino.destination({ dest: process.env.API_LOG ?? 'catalog-api.log', sync: true, mkdir: true });
const logger = pino(
  {
    name: 'catalog-api',
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    base: { pid: process.pid, hostname: os.hostname(), env: 'production' },
  },
  dest,
);

class ValidationError extends Error {
  constructor(message, details) {
    super(message);
    this.name = 'ValidationError';
    this.statusCode = 400;
    this.details = details;
  }
}

class NotFoundError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NotFoundError';
    this.statusCode = 404;
  }
}

const categories = ['books', 'garden', 'kitchen', 'toys', 'sports', 'office'];
const items = new Map();
for (let i = 1; i <= 5000; i++) {
  const sku = `SKU-${String(i).padStart(6, '0')}`;
  items.set(sku, { sku, name: `Product ${i}`, category: categories[i % 6], priceCents: 199 + ((i * 7919) % 20000), rating: 1 + ((i * 31) % 50) / 10 });
}
const reviews = new Map();

const httpLogger = pinoHttp({
  logger,
  quietReqLogger: true, // handler logs carry only reqId, not the whole request
  genReqId(req, res) {
    const id = req.headers['x-request-id'] ?? randomUUID();
    res.setHeader('x-request-id', id);
    return id;
  },
  customLogLevel(_req, res, err) {
    if (err || res.statusCode >= 500 || !res.writableEnded) return 'error';
    if (res.statusCode >= 400) return 'warn';
    return 'info';
  },
});

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function validateReview(body) {
  const problems = [];
  if (!Number.isInteger(body.rating) || body.rating < 1 || body.rating > 5) problems.push('rating must be an integer from 1 to 5');
  if (typeof body.text !== 'string' || body.text.length < 3) problems.push('text must be at least 3 characters');
  if (problems.length) throw new ValidationError(`invalid review: ${problems.join('; ')}`, problems);
}

// The feed is written in slices, as a real one paged from a store would be.
async function feed(req, res) {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/x-ndjson');
  let sent = 0;
  for (const item of items.values()) {
    if (res.destroyed) break;
    res.write(`${JSON.stringify(item)}\n`);
    sent++;
    if (sent % 100 === 0) await delay(5);
  }
  if (res.destroyed) {
    req.log.warn({ sentItems: sent }, 'client went away before the feed was complete');
    return;
  }
  res.end();
}

async function route(req, res) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  await delay(1 + Math.floor(Math.random() * 4)); // the search index lookup
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.method === 'GET' && url.pathname === '/v1/catalog/search') {
    const q = url.searchParams.get('q');
    if (!q || q.trim().length < 2) throw new ValidationError('query parameter "q" must have at least 2 characters', [`q=${q}`]);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const hits = [];
    for (const item of items.values()) {
      if (item.name.includes(q) || item.category === q) hits.push(item);
      if (hits.length >= limit) break;
    }
    return send(res, 200, { q, hits });
  }
  if (req.method === 'GET' && url.pathname === '/v1/catalog/feed.ndjson') return feed(req, res);
  if ((m = /^\/v1\/catalog\/items\/([\w-]+)$/.exec(url.pathname)) && req.method === 'GET') {
    const item = items.get(m[1]);
    if (!item) throw new NotFoundError(`item ${m[1]} not found`);
    return send(res, 200, { ...item, reviews: reviews.get(m[1])?.length ?? 0 });
  }
  if ((m = /^\/v1\/catalog\/items\/([\w-]+)\/reviews$/.exec(url.pathname)) && req.method === 'POST') {
    const raw = await readBody(req);
    let body;
    try {
      body = JSON.parse(raw);
    } catch (err) {
      err.statusCode = 400;
      throw err;
    }
    validateReview(body);
    if (!items.has(m[1])) throw new NotFoundError(`item ${m[1]} not found`);
    const list = reviews.get(m[1]) ?? [];
    list.push({ rating: body.rating, text: body.text });
    reviews.set(m[1], list);
    return send(res, 201, { sku: m[1], reviews: list.length });
  }
  throw new NotFoundError(`no route for ${req.method} ${url.pathname}`);
}

const server = http.createServer((req, res) => {
  httpLogger(req, res);
  route(req, res).catch((err) => {
    const status = err.statusCode ?? 500;
    // The team's error middleware: every failed request is logged with its exception.
    if (status >= 500) req.log.error({ err }, 'unhandled error while serving the request');
    else if (status === 400) req.log.error({ err }, 'rejected bad request');
    else req.log.warn({ err }, 'not found');
    if (!res.headersSent && !res.destroyed) send(res, status, { error: err.message, reqId: req.id });
    else if (!res.destroyed) res.end();
  });
});

// Connection-level errors (a client that resets the connection mid-response, a malformed request).
server.on('clientError', (err, socket) => {
  logger.warn({ err, remote: `${socket.remoteAddress}:${socket.remotePort}` }, 'client connection error');
  if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  else socket.destroy();
});

function shutdown(reason) {
  logger.info({ reason }, 'shutting down');
  server.close(() => {
    logger.info('server closed');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
server.keepAliveTimeout = 5000;
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version }, `catalog-api listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
