// Bounded traffic for profile-api: CLIENT_USERS concurrent "users" (the mobile app's calls through the
// gateway), each pausing 150-600 ms between requests, for CLIENT_SECONDS; every request gives up after
// 60 s (the gateway's timeout). Mostly profile reads, some follower counts and bio updates, a few health
// checks, ~4% unknown profiles (404). Prints one summary line per 10 s of status codes and the slowest
// response to stderr (make.sh's log, not the bundle) and a total at the end.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

const port = Number(process.env.API_PORT ?? 18202);
const usersCount = Number(process.env.CLIENT_USERS ?? 5);
const profiles = Number(process.env.PROFILES ?? 12000);
const deadline = Date.now() + 1000 * Number(process.env.CLIENT_SECONDS ?? 240);
const agent = new http.Agent({ keepAlive: true, maxSockets: usersCount });
const total = {};
let window = { counts: {}, maxMs: 0 };

function pick() {
  const r = Math.random() * 100;
  const id = 1 + Math.floor(Math.random() * profiles);
  if (r < 58) return ['GET', `/api/v1/profiles/${id}`];
  if (r < 62) return ['GET', `/api/v1/profiles/${profiles + 1 + Math.floor(Math.random() * 500)}`];
  if (r < 77) return ['GET', `/api/v1/profiles/${id}/followers`];
  if (r < 94) return ['PUT', `/api/v1/profiles/${id}`, JSON.stringify({ bio: `Updated at ${new Date().toISOString()}` })];
  return ['GET', '/healthz'];
}

function request(method, path, body) {
  return new Promise((resolve) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers, timeout: 60000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function user() {
  while (Date.now() < deadline) {
    const [method, path, body] = pick();
    const t0 = Date.now();
    const status = await request(method, path, body);
    const ms = Date.now() - t0;
    total[status] = (total[status] ?? 0) + 1;
    window.counts[status] = (window.counts[status] ?? 0) + 1;
    window.maxMs = Math.max(window.maxMs, ms);
    await delay(150 + Math.floor(Math.random() * 450));
  }
}

const ticker = setInterval(() => {
  process.stderr.write(`[client ${new Date().toISOString()}] last 10 s: ${JSON.stringify(window.counts)} slowest ${window.maxMs} ms\n`);
  window = { counts: {}, maxMs: 0 };
}, 10000);
await Promise.all(Array.from({ length: usersCount }, user));
clearInterval(ticker);
agent.destroy();
process.stderr.write(`[client ${new Date().toISOString()}] done: status counts ${JSON.stringify(total)}\n`);
