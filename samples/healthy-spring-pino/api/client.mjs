// Bounded traffic for server.mjs: CLIENT_USERS concurrent "users", each pausing 150-600 ms between
// requests, for CLIENT_SECONDS or at most CLIENT_REQUESTS requests, whichever comes first. Mostly pages
// of the ranking and known users (200); about 3% are unknown users or a stale link (404). Prints a
// one-line summary of status codes at the end.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

const port = Number(process.env.API_PORT ?? 38080);
const total = Number(process.env.CLIENT_REQUESTS ?? 1500);
const usersCount = Number(process.env.CLIENT_USERS ?? 4);
const deadline = Date.now() + 1000 * Number(process.env.CLIENT_SECONDS ?? 180);
const agent = new http.Agent({ keepAlive: true, maxSockets: usersCount });
const counts = {};
let issued = 0;

function pick() {
  const r = Math.random() * 100;
  if (r < 55) return ['GET', `/api/v1/rankings?page=${1 + Math.floor(Math.random() * 50)}`];
  if (r < 82) return ['GET', `/api/v1/users/${1 + Math.floor(Math.random() * 5000)}`];
  if (r < 92) return ['POST', `/api/v1/users/${1 + Math.floor(Math.random() * 5000)}/solved`];
  if (r < 97) return ['GET', '/healthz'];
  if (r < 99) return ['GET', `/api/v1/users/${5001 + Math.floor(Math.random() * 300)}`];
  return ['GET', '/api/v1/ranking'];
}

function request(method, path) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function user() {
  while (issued < total && Date.now() < deadline) {
    issued++;
    const [method, path] = pick();
    const status = await request(method, path);
    counts[status] = (counts[status] ?? 0) + 1;
    await delay(150 + Math.floor(Math.random() * 450));
  }
}

await Promise.all(Array.from({ length: usersCount }, user));
agent.destroy();
console.log(`client done: ${issued} requests, status counts ${JSON.stringify(counts)}`);
