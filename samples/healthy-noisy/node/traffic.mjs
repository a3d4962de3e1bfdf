// Bounded traffic for the healthy-noisy sample: ordinary users of the orders service (Java, ORDERS_PORT)
// and of the catalog API (Node, CATALOG_PORT), with the mistakes real clients make, and a lull.
//   - JAVA_USERS / NODE_USERS concurrent "users", 300-1200 ms between requests;
//   - from LULL_FROM to LULL_TO seconds (a lunch-time dip) only one user of each service is left, and it
//     waits 15-30 s between requests; the others come back at LULL_TO;
//   - a few percent of bad input: invalid or malformed order JSON and reviews (400), unknown products,
//     orders, items and routes (404), a retried POST with the same Idempotency-Key (409);
//   - at fixed times a download is abandoned mid-way: the CSV export of the orders service and the NDJSON
//     feed of the catalog API are read for a few hundred KB, then the socket is destroyed (the way a
//     browser tab closed during a download does it); one export and one feed are read to the end.
// Everything stops at CLIENT_SECONDS; every request has a 10 s timeout. Prints a summary at the end.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

const ordersPort = Number(process.env.ORDERS_PORT ?? 18181);
const catalogPort = Number(process.env.CATALOG_PORT ?? 18182);
const seconds = Number(process.env.CLIENT_SECONDS ?? 345);
const lullFrom = Number(process.env.LULL_FROM ?? 150);
const lullTo = Number(process.env.LULL_TO ?? 255);
const javaUsers = Number(process.env.JAVA_USERS ?? 4);
const nodeUsers = Number(process.env.NODE_USERS ?? 3);
const start = Date.now();
const deadline = start + seconds * 1000;
const elapsed = () => (Date.now() - start) / 1000;
const inLull = () => elapsed() >= lullFrom && elapsed() < lullTo;
const rnd = (n) => Math.floor(Math.random() * n);
const log = (msg) => process.stderr.write(`[traffic ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const agents = {
  [ordersPort]: new http.Agent({ keepAlive: true, maxSockets: javaUsers }),
  [catalogPort]: new http.Agent({ keepAlive: true, maxSockets: nodeUsers }),
};
const counts = { orders: {}, catalog: {} };

function request(port, method, path, { body, headers = {} } = {}) {
  return new Promise((resolve) => {
    const h = { ...headers };
    if (body !== undefined) {
      h['content-type'] = 'application/json';
      h['content-length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: h, agent: agents[port], timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Read a streamed download until `limit` bytes (then destroy the socket) or to its end. */
function download(port, path, limit) {
  return new Promise((resolve) => {
    let got = 0;
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path, agent: false, timeout: 30_000 }, (res) => {
      res.on('data', (chunk) => {
        got += chunk.length;
        if (limit && got >= limit) {
          res.destroy();
          req.destroy();
          resolve(`aborted after ${got} bytes`);
        }
      });
      res.on('end', () => resolve(`complete, ${got} bytes`));
      res.on('error', () => resolve(`aborted after ${got} bytes`));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(`error ${e.message} after ${got} bytes`));
    req.end();
  });
}

function ordersRequest() {
  const r = rnd(1000);
  if (r < 380) return ['GET', `/api/v1/products/${r < 365 ? 1 + rnd(5000) : 5001 + rnd(900)}`];
  if (r < 560) return ['GET', `/api/v1/products?page=${1 + rnd(250)}`];
  if (r < 700) return ['GET', `/api/v1/orders/${r < 690 ? 1 + rnd(1_200_000) : 2_000_000 + rnd(100_000)}`];
  if (r < 770) return ['GET', '/actuator/health'];
  if (r < 950) {
    return ['POST', '/api/v1/orders', {
      body: JSON.stringify({ productId: 1 + rnd(5000), quantity: 1 + rnd(3), email: `customer${rnd(40000)}@example.com` }),
      headers: { 'Idempotency-Key': randomUUID() },
    }];
  }
  if (r < 965) return ['POST', '/api/v1/orders', { body: JSON.stringify({ productId: 1 + rnd(5000), quantity: rnd(2) ? 0 : 250, email: `customer${rnd(40000)}@example.com` }), headers: { 'Idempotency-Key': randomUUID() } }];
  if (r < 975) return ['POST', '/api/v1/orders', { body: JSON.stringify({ productId: 1 + rnd(5000), quantity: 1, email: 'not-an-email' }), headers: { 'Idempotency-Key': randomUUID() } }];
  if (r < 983) return ['POST', '/api/v1/orders', { body: `{"productId": ${1 + rnd(5000)}, "quantity": 2, "email": "customer${rnd(40000)}@example.com"`, headers: { 'Idempotency-Key': randomUUID() } }];
  if (r < 988) return ['POST', '/api/v1/orders', { body: '{"productId": "SKU-000042", "quantity": 1, "email": "buyer@example.com"}', headers: { 'Idempotency-Key': randomUUID() } }];
  if (r < 993) return ['RETRY'];
  return ['GET', ['/favicon.ico', '/api/v1/order-status/77', '/api/v2/products/12', '/wp-login.php'][rnd(4)]];
}

function catalogRequest() {
  const r = rnd(1000);
  const sku = (n) => `SKU-${String(n).padStart(6, '0')}`;
  if (r < 500) return ['GET', `/v1/catalog/items/${r < 480 ? sku(1 + rnd(5000)) : sku(6000 + rnd(500))}`];
  if (r < 780) return ['GET', `/v1/catalog/search?q=${encodeURIComponent(['Product 1', 'garden', 'toys', 'Product 42', 'books'][rnd(5)])}&limit=${5 + rnd(20)}`];
  if (r < 820) return ['GET', '/healthz'];
  if (r < 960) return ['POST', `/v1/catalog/items/${sku(1 + rnd(5000))}/reviews`, { body: JSON.stringify({ rating: 1 + rnd(5), text: 'works as described' }) }];
  if (r < 972) return ['GET', `/v1/catalog/search?q=${rnd(2) ? 'x' : ''}`];
  if (r < 982) return ['POST', `/v1/catalog/items/${sku(1 + rnd(5000))}/reviews`, { body: JSON.stringify({ rating: 7, text: 'ok' }) }];
  if (r < 992) return ['POST', `/v1/catalog/items/${sku(1 + rnd(5000))}/reviews`, { body: '{"rating": 5, "text": "great",}' }];
  return ['GET', ['/v1/catalog/item/SKU-000001', '/favicon.ico', '/v2/catalog/search?q=toys'][rnd(3)]];
}

async function ordersUser(i) {
  while (Date.now() < deadline) {
    if (inLull() && i > 0) {
      await delay(Math.min(1000 * (lullTo - elapsed()) + 200 + rnd(3000), deadline - Date.now()));
      continue;
    }
    const [method, path, opts] = ordersRequest();
    if (method === 'RETRY') {
      // A client that timed out on its side and sends the same order again with the same key.
      const o = { body: JSON.stringify({ productId: 1 + rnd(5000), quantity: 1, email: `customer${rnd(40000)}@example.com` }), headers: { 'Idempotency-Key': randomUUID() } };
      for (let k = 0; k < 2; k++) {
        const s = await request(ordersPort, 'POST', '/api/v1/orders', o);
        counts.orders[s] = (counts.orders[s] ?? 0) + 1;
      }
    } else {
      const s = await request(ordersPort, method, path, opts);
      counts.orders[s] = (counts.orders[s] ?? 0) + 1;
    }
    await delay(inLull() ? 15_000 + rnd(15_000) : 300 + rnd(900));
  }
}

async function catalogUser(i) {
  while (Date.now() < deadline) {
    if (inLull() && i > 0) {
      await delay(Math.min(1000 * (lullTo - elapsed()) + 200 + rnd(3000), deadline - Date.now()));
      continue;
    }
    const [method, path, opts] = catalogRequest();
    const s = await request(catalogPort, method, path, { ...opts, headers: { 'x-request-id': randomUUID() } });
    counts.catalog[s] = (counts.catalog[s] ?? 0) + 1;
    await delay(inLull() ? 15_000 + rnd(15_000) : 300 + rnd(900));
  }
}

// Downloads at fixed times (seconds from the start): [at, port, path, byte limit or 0 for the whole thing].
const downloads = [
  [55, ordersPort, '/api/v1/orders/export.csv?days=30', 256 * 1024],
  [70, catalogPort, '/v1/catalog/feed.ndjson', 96 * 1024],
  [100, ordersPort, '/api/v1/orders/export.csv?days=1', 0],
  [112, catalogPort, '/v1/catalog/feed.ndjson', 0],
  [125, ordersPort, '/api/v1/orders/export.csv?days=7', 512 * 1024],
  [135, catalogPort, '/v1/catalog/feed.ndjson', 160 * 1024],
  [285, ordersPort, '/api/v1/orders/export.csv?days=30', 128 * 1024],
  [300, catalogPort, '/v1/catalog/feed.ndjson', 64 * 1024],
  [320, ordersPort, '/api/v1/orders/export.csv?days=14', 384 * 1024],
];

async function downloader() {
  for (const [at, port, path, limit] of downloads) {
    const wait = start + at * 1000 - Date.now();
    if (start + at * 1000 > deadline) break;
    if (wait > 0) await delay(wait);
    const result = await download(port, path, limit);
    log(`GET ${path} on :${port}: ${result}`);
  }
}

log(`start: ${javaUsers} orders users, ${nodeUsers} catalog users for ${seconds} s, lull ${lullFrom}-${lullTo} s`);
await Promise.all([
  ...Array.from({ length: javaUsers }, (_, i) => ordersUser(i)),
  ...Array.from({ length: nodeUsers }, (_, i) => catalogUser(i)),
  downloader(),
]);
for (const a of Object.values(agents)) a.destroy();
log(`done: orders ${JSON.stringify(counts.orders)} catalog ${JSON.stringify(counts.catalog)}`);
