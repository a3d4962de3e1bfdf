// The ranking API's edge service for the healthy sample: a small Node HTTP server logging every request
// with the real pino + pino-http (NDJSON) to the file named by API_LOG. Data is an in-memory copy of
// the ranking; a short cache lookup delay (1-6 ms) stands in for the Redis call the real service makes.
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { setTimeout } from 'node:timers';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 38080);
const seconds = Number(process.env.API_SECONDS ?? 180);
const dest = pino.destination({ dest: process.env.API_LOG ?? 'api.log', sync: true, mkdir: true });
const logger = pino({ name: 'ranking-api' }, dest);

const users = new Map();
for (let i = 1; i <= 5000; i++) users.set(i, { id: i, handle: `user${i}`, solved: (i * 37) % 400, score: (i * 7919) % 100000 });
const ranking = [...users.values()].sort((a, b) => b.score - a.score || a.id - b.id);

const httpLogger = pinoHttp({
  logger,
  // The usual setup from pino-http's README: 4xx at warn, 5xx and errors at error.
  customLogLevel(_req, res, err) {
    if (err || res.statusCode >= 500) return 'error';
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

async function route(req, res) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  await delay(1 + Math.floor(Math.random() * 6)); // cache lookup
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'UP' });
  if (req.method === 'GET' && url.pathname === '/api/v1/rankings') {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const rows = ranking.slice((page - 1) * 20, page * 20);
    return rows.length ? send(res, 200, { page, rows }) : send(res, 404, { error: 'no such page' });
  }
  if ((m = /^\/api\/v1\/users\/(\d{1,9})$/.exec(url.pathname)) && req.method === 'GET') {
    const user = users.get(Number(m[1]));
    if (!user) req.log.info({ userId: Number(m[1]) }, 'user not found');
    return user ? send(res, 200, user) : send(res, 404, { error: 'user not found' });
  }
  if ((m = /^\/api\/v1\/users\/(\d{1,9})\/solved$/.exec(url.pathname)) && req.method === 'POST') {
    const user = users.get(Number(m[1]));
    if (!user) return send(res, 404, { error: 'user not found' });
    user.solved += 1;
    user.score += 10;
    return send(res, 200, user);
  }
  return send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  httpLogger(req, res);
  req.resume(); // bodies are not used; drain them
  route(req, res).catch((err) => {
    req.log.error({ err }, 'request failed');
    if (!res.headersSent) send(res, 500, { error: 'internal error' });
  });
});

function shutdown(reason) {
  logger.info({ reason }, 'shutting down');
  server.close(() => {
    logger.info('server closed');
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version }, `ranking-api listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
