// Bounded traffic for orders-api: CLIENT_USERS concurrent "users", each pausing 150-600 ms between
// requests, for CLIENT_SECONDS (every request gives up after 10 s). Mostly order look-ups and a
// customer's recent orders, ~20% new orders (a transaction), a few health checks, ~2% unknown orders
// (404). Prints one summary line per 10 s of status codes and latencies to stderr (make.sh's log, not the
// bundle) and a total at the end.
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

const port = Number(process.env.API_PORT ?? 18201);
const usersCount = Number(process.env.CLIENT_USERS ?? 5);
const deadline = Date.now() + 1000 * Number(process.env.CLIENT_SECONDS ?? 180);
const agent = new http.Agent({ keepAlive: true, maxSockets: usersCount });
const total = {};
let window = { counts: {}, maxMs: 0 };

function pick() {
  const r = Math.random() * 100;
  if (r < 43) return ['GET', `/api/v1/orders/${1 + Math.floor(Math.random() * 60000)}`];
  if (r < 45) return ['GET', `/api/v1/orders/${900000 + Math.floor(Math.random() * 1000)}`];
  if (r < 75) return ['GET', `/api/v1/customers/${1 + Math.floor(Math.random() * 5000)}/orders`];
  if (r < 95) {
    const items = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ({
      sku: `SKU-${String(Math.floor(Math.random() * 2000)).padStart(6, '0')}`,
      quantity: 1 + Math.floor(Math.random() * 3),
      priceCents: 199 + Math.floor(Math.random() * 9000),
    }));
    return ['POST', '/api/v1/orders', JSON.stringify({ customerId: 1 + Math.floor(Math.random() * 5000), items })];
  }
  return ['GET', '/healthz'];
}

function request(method, path, body) {
  return new Promise((resolve) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers, timeout: 10000 }, (res) => {
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
  process.stderr.write(`[client ${new Date().toISOString()}] last 10 s: ${JSON.stringify(window.counts)} max ${window.maxMs} ms\n`);
  window = { counts: {}, maxMs: 0 };
}, 10000);
await Promise.all(Array.from({ length: usersCount }, user));
clearInterval(ticker);
agent.destroy();
process.stderr.write(`[client ${new Date().toISOString()}] done: status counts ${JSON.stringify(total)}\n`);
