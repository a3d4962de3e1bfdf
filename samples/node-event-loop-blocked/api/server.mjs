// profile-api: a small Node HTTP API over an in-memory copy of user profiles and their activity events
// (the real service loads them from its database at start; here they are generated), logging with the
// real pino + pino-http as NDJSON to the file named by API_LOG. The team's pino setup is the one for
// Google Cloud Logging: the level as "severity" (INFO, WARNING, ERROR ...) next to pino's numeric "level",
// the message under "message", pino's default epoch-millisecond "time". pino-http logs every request
// (4xx at warn, 5xx at error) with nginx's X-Request-Id as the request id. Every 10 s a `runtime stats` line: event-loop utilization and delay
// (perf_hooks), the process's CPU time in the interval (process.cpuUsage), rss and heap.
//
// The bug: GET /api/v1/admin/reports/engagement builds its report synchronously, filtering the whole
// event list once per profile (profiles x events comparisons), then sorting and JSON-stringifying the
// result. For every profile at once it keeps the event loop busy for tens of seconds: no other request,
// timer or log line runs meanwhile.
//
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { setTimeout, setInterval } from 'node:timers';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 18202);
const seconds = Number(process.env.API_SECONDS ?? 330);
const profileCount = Number(process.env.PROFILES ?? 12000);
const eventCount = Number(process.env.EVENTS ?? 320000);

const severity = { trace: 'DEBUG', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'CRITICAL' };
const dest = pino.destination({ dest: process.env.API_LOG ?? 'profile-api.log', sync: true, mkdir: true });
const logger = pino(
  {
    name: 'profile-api',
    messageKey: 'message',
    formatters: {
      level(label, number) {
        return { severity: severity[label] ?? 'DEFAULT', level: number };
      },
    },
  },
  dest,
);

// Deterministic data: profiles in 50 teams, activity events over the last year.
const kinds = ['login', 'view', 'post', 'comment', 'like', 'follow'];
const now = Date.now();
const profiles = new Map();
for (let i = 1; i <= profileCount; i++) {
  profiles.set(i, { id: i, handle: `user${i}`, team: 1 + (i % 50), bio: `Hi, I am user ${i}.`, followers: (i * 7919) % 5000 });
}
const events = [];
for (let i = 0; i < eventCount; i++) {
  events.push({ profileId: 1 + ((i * 2654435761) % profileCount), kind: kinds[i % kinds.length], at: now - ((i * 40503) % 31536000) * 1000 });
}

function engagementReport(sinceMs, team) {
  const rows = [];
  for (const p of profiles.values()) {
    if (team && p.team !== team) continue;
    const mine = events.filter((e) => e.profileId === p.id && e.at >= sinceMs);
    if (mine.length === 0) continue;
    const byKind = {};
    for (const e of mine) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    rows.push({ id: p.id, handle: p.handle, team: p.team, events: mine.length, lastActive: new Date(Math.max(...mine.map((e) => e.at))).toISOString(), byKind });
  }
  rows.sort((a, b) => b.events - a.events || a.id - b.id);
  return rows;
}

const httpLogger = pinoHttp({
  logger,
  // nginx in front sets X-Request-Id: the same id is in its access log.
  genReqId: (req) => req.headers['x-request-id'] ?? randomUUID(),
  customLogLevel(_req, res, err) {
    if (err || res.statusCode >= 500) return 'error';
    if (res.statusCode >= 400) return 'warn';
    return 'info';
  },
});

function send(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

async function route(req, res, body) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'UP' });
  if (req.method === 'GET' && url.pathname === '/api/v1/admin/reports/engagement') {
    const sinceMs = Date.parse(url.searchParams.get('since') ?? '');
    const team = url.searchParams.has('team') ? Number(url.searchParams.get('team')) : undefined;
    if (Number.isNaN(sinceMs)) return send(res, 400, { error: 'since must be a date' });
    req.log.info({ since: url.searchParams.get('since'), team: team ?? 'all' }, 'building engagement report');
    const rows = engagementReport(sinceMs, team);
    return send(res, 200, JSON.stringify({ since: new Date(sinceMs).toISOString(), team: team ?? 'all', rows }));
  }
  await delay(2 + Math.floor(Math.random() * 8)); // the profile cache lookup
  if ((m = /^\/api\/v1\/profiles\/(\d{1,9})$/.exec(url.pathname))) {
    const profile = profiles.get(Number(m[1]));
    if (!profile) return send(res, 404, { error: 'profile not found' });
    if (req.method === 'GET') return send(res, 200, profile);
    if (req.method === 'PUT') {
      let input;
      try {
        input = JSON.parse(body);
      } catch (err) {
        req.log.warn({ err }, 'invalid JSON body');
        return send(res, 400, { error: 'invalid JSON' });
      }
      if (typeof input?.bio !== 'string' || input.bio.length > 500) return send(res, 400, { error: 'invalid bio' });
      profile.bio = input.bio;
      return send(res, 200, profile);
    }
  }
  if (req.method === 'GET' && (m = /^\/api\/v1\/profiles\/(\d{1,9})\/followers$/.exec(url.pathname))) {
    const profile = profiles.get(Number(m[1]));
    return profile ? send(res, 200, { id: profile.id, followers: profile.followers }) : send(res, 404, { error: 'profile not found' });
  }
  return send(res, 404, { error: 'not found' });
}

const server = http.createServer((req, res) => {
  httpLogger(req, res);
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    route(req, res, body).catch((err) => {
      req.log.error({ err }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
});

// Runtime stats every 10 s (what the team's dashboard graphs).
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
let lastElu = performance.eventLoopUtilization();
let lastCpu = process.cpuUsage();
let lastAt = performance.now();
const stats = setInterval(() => {
  const elu = performance.eventLoopUtilization(lastElu);
  const cpu = process.cpuUsage(lastCpu);
  const at = performance.now();
  const mem = process.memoryUsage();
  logger.info(
    {
      intervalMs: Math.round(at - lastAt),
      eventLoop: {
        utilization: Number(elu.utilization.toFixed(3)),
        delayP50Ms: Number((loopDelay.percentile(50) / 1e6).toFixed(1)),
        delayP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
        delayMaxMs: Number((loopDelay.max / 1e6).toFixed(1)),
      },
      cpu: { userMs: Math.round(cpu.user / 1000), systemMs: Math.round(cpu.system / 1000) },
      memory: { rssMB: Math.round(mem.rss / 1048576), heapUsedMB: Math.round(mem.heapUsed / 1048576) },
    },
    'runtime stats',
  );
  loopDelay.reset();
  lastElu = performance.eventLoopUtilization();
  lastCpu = process.cpuUsage();
  lastAt = at;
}, 10000);

function shutdown(reason) {
  clearInterval(stats);
  logger.info({ reason }, 'shutting down');
  server.close(() => {
    logger.info('server closed');
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version, profiles: profiles.size, events: events.length }, `profile-api listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
