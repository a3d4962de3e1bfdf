// The storefront's traffic toward stock-api, bounded: CLIENT_USERS users loop for CLIENT_SECONDS with a
// 150-500 ms think time (60 % item lookups, 15 % an item's recent reservations, 25 % a reservation of 1-3 units),
// and from BULK_FROM s on a B2B import places one bulk reservation every BULK_MIN-BULK_MAX s for more units than any
// item holds (stock-api answers 409). Each call gives up after 10 s. Prints a summary per 10 s on stderr (make.sh's
// own log, not the bundle).
import { setTimeout as delay } from 'node:timers/promises';

const base = `http://127.0.0.1:${process.env.API_PORT ?? 18467}`;
const users = Number(process.env.CLIENT_USERS ?? 6);
const seconds = Number(process.env.CLIENT_SECONDS ?? 120);
const bulkFrom = Number(process.env.BULK_FROM ?? 40);
const bulkMin = Number(process.env.BULK_MIN ?? 4);
const bulkMax = Number(process.env.BULK_MAX ?? 7);
const ITEMS = 2000;
const deadline = Date.now() + seconds * 1000;
const counts = new Map();
let order = 0;

const pick = (n) => 1 + Math.floor(Math.random() * n);

async function call(method, path, body) {
  let key;
  try {
    const res = await fetch(base + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    key = String(res.status);
  } catch (err) {
    key = err.name === 'TimeoutError' ? 'timeout' : 'error';
  }
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

async function user() {
  while (Date.now() < deadline) {
    const r = Math.random();
    if (r < 0.6) await call('GET', `/api/v1/items/${pick(ITEMS)}`);
    else if (r < 0.75) await call('GET', `/api/v1/items/${pick(ITEMS)}/reservations`);
    else await call('POST', '/api/v1/reservations', { itemId: pick(ITEMS), quantity: pick(3), orderRef: `WEB-${++order}` });
    await delay(150 + Math.random() * 350);
  }
}

async function bulkImport() {
  await delay(bulkFrom * 1000);
  while (Date.now() < deadline) {
    await call('POST', '/api/v1/reservations', { itemId: pick(ITEMS), quantity: 5000, orderRef: `B2B-${++order}` });
    await delay((bulkMin + Math.random() * (bulkMax - bulkMin)) * 1000);
  }
}

const report = setInterval(() => {
  process.stderr.write(`[client ${new Date().toISOString()}] ${[...counts.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
}, 10_000);
await Promise.all([...Array.from({ length: users }, user), bulkImport()]);
clearInterval(report);
process.stderr.write(`[client ${new Date().toISOString()}] done: ${[...counts.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
