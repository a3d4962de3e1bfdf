// orders-api: a small Node HTTP API over PostgreSQL with node-postgres (`pg.Pool`), logging with the real
// pino + pino-http as NDJSON on stdout (make.sh redirects stdout and stderr to logs/orders-api.log, the
// way a service manager captures a service's output). The team's pino setup: ISO timestamps
// (pino.stdTimeFunctions.isoTime), numeric levels, "msg", name "orders-api"; errors through pino's err
// serializer (type, message, stack, code, cause and the error's other own properties). pino-http logs
// every request (4xx at warn, 5xx at error); a failed request is also logged by the handler with
// `req.log.error({ err }, 'request failed')`; errors of idle pooled clients with
// `logger.error({ err }, 'unexpected error on idle client')` (the pool's 'error' event, as node-postgres'
// documentation asks). Every 15 s a `pool stats` line (totalCount, idleCount, waitingCount, and the
// number of order-event notifications received).
// Pool: max 10, connectionTimeoutMillis 5000, idleTimeoutMillis 10000. Besides the pool, one dedicated
// connection LISTENs for order events and reconnects with backoff when it is lost.
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import { setTimeout, setInterval } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 18201);
const seconds = Number(process.env.API_SECONDS ?? 300);
const logger = pino({ name: 'orders-api', timestamp: pino.stdTimeFunctions.isoTime });

const db = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 54391),
  database: process.env.PGDATABASE ?? 'orders',
  user: process.env.PGUSER ?? 'orders_app',
  password: process.env.PGPASSWORD,
};
const pool = new pg.Pool({
  ...db,
  application_name: 'orders-api',
  max: 10,
  connectionTimeoutMillis: 5000,
  idleTimeoutMillis: 10000,
});
pool.on('error', (err) => {
  logger.error({ err }, 'unexpected error on idle client');
});

const httpLogger = pinoHttp({
  logger,
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

async function getOrder(id) {
  const { rows } = await pool.query(
    `SELECT o.id, o.customer_id, o.status, o.total_cents, o.created_at,
            json_agg(json_build_object('line', i.line, 'sku', i.sku, 'quantity', i.quantity,
                                       'priceCents', i.price_cents) ORDER BY i.line) AS items
       FROM orders o JOIN order_items i ON i.order_id = o.id
      WHERE o.id = $1
      GROUP BY o.id`,
    [id],
  );
  return rows[0];
}

async function customerOrders(customerId) {
  const { rows } = await pool.query(
    `SELECT id, status, total_cents, created_at FROM orders
      WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20`,
    [customerId],
  );
  return rows;
}

// Places an order in one transaction on a client of its own (the payment provider's risk check, 30-200 ms,
// happens inside it, so a transaction holds its connection for a while).
async function placeOrder(log, customerId, items) {
  const client = await pool.connect();
  // A checked-out client has no error listener of the pool's: without this one, a connection ended by
  // the server between two statements would be an uncaught 'error' event.
  const onClientError = (err) => log.error({ err }, 'connection lost during transaction');
  client.on('error', onClientError);
  let failure;
  try {
    await client.query('BEGIN');
    const c = await client.query('UPDATE customers SET order_count = order_count + 1 WHERE id = $1 RETURNING id', [customerId]);
    if (c.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const total = items.reduce((sum, it) => sum + it.quantity * it.priceCents, 0);
    await delay(30 + Math.floor(Math.random() * 170)); // the payment provider's risk check, inside the transaction
    const o = await client.query(
      `INSERT INTO orders (customer_id, status, total_cents) VALUES ($1, 'placed', $2) RETURNING id, created_at`,
      [customerId, total],
    );
    const orderId = o.rows[0].id;
    for (const [n, it] of items.entries()) {
      await client.query(
        'INSERT INTO order_items (order_id, line, sku, quantity, price_cents) VALUES ($1, $2, $3, $4, $5)',
        [orderId, n + 1, it.sku, it.quantity, it.priceCents],
      );
    }
    await client.query('SELECT pg_notify($1, $2)', ['order_events', JSON.stringify({ orderId, customerId })]);
    await client.query('COMMIT');
    return { id: orderId, customerId, status: 'placed', totalCents: total, createdAt: o.rows[0].created_at };
  } catch (err) {
    failure = err;
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      log.warn({ err: rollbackErr }, 'rollback failed');
    }
    throw err;
  } finally {
    client.removeListener('error', onClientError);
    client.release(failure); // a client that failed is destroyed, not returned to the pool
  }
}

function validItems(items) {
  return Array.isArray(items) && items.length > 0 && items.length <= 20 && items.every((it) =>
    it && typeof it.sku === 'string' && Number.isInteger(it.quantity) && it.quantity > 0 &&
    Number.isInteger(it.priceCents) && it.priceCents >= 0);
}

async function route(req, res, body) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'UP' });
  if (req.method === 'GET' && (m = /^\/api\/v1\/orders\/(\d{1,12})$/.exec(url.pathname))) {
    const order = await getOrder(Number(m[1]));
    return order ? send(res, 200, order) : send(res, 404, { error: 'order not found' });
  }
  if (req.method === 'GET' && (m = /^\/api\/v1\/customers\/(\d{1,9})\/orders$/.exec(url.pathname))) {
    return send(res, 200, { customerId: Number(m[1]), orders: await customerOrders(Number(m[1])) });
  }
  if (req.method === 'POST' && url.pathname === '/api/v1/orders') {
    let input;
    try {
      input = JSON.parse(body);
    } catch (err) {
      req.log.warn({ err }, 'invalid JSON body');
      return send(res, 400, { error: 'invalid JSON' });
    }
    if (!Number.isInteger(input?.customerId) || !validItems(input.items)) return send(res, 400, { error: 'invalid order' });
    const order = await placeOrder(req.log, input.customerId, input.items);
    return order ? send(res, 201, order) : send(res, 404, { error: 'customer not found' });
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

// The order-events listener: a dedicated connection (not from the pool) that LISTENs for the
// notifications new orders send, to keep the recent-orders cache fresh. When its connection is lost it
// reconnects with a capped exponential backoff (1, 2, 4, 5, 5 ... s).
let stopping = false;
let notifications = 0;
let listener;
async function listenForOrderEvents() {
  let attempt = 0;
  while (!stopping) {
    const client = new pg.Client({ ...db, application_name: 'orders-api-listener' });
    listener = client;
    try {
      await client.connect();
      await client.query('LISTEN order_events');
      logger.info({ channel: 'order_events', attempt }, attempt === 0 ? 'order-events listener started' : 'order-events listener reconnected');
      attempt = 0;
      client.on('notification', () => {
        notifications++;
      });
      await new Promise((resolve) => {
        client.once('error', (err) => {
          logger.error({ err, channel: 'order_events' }, 'order-events listener connection lost');
          resolve();
        });
        client.once('end', resolve);
      });
    } catch (err) {
      logger.warn({ err, channel: 'order_events', attempt }, 'order-events listener could not connect');
    }
    client.removeAllListeners('error');
    client.on('error', () => {});
    client.end().catch(() => {});
    if (stopping) break;
    attempt++;
    await delay(Math.min(1000 * 2 ** (attempt - 1), 5000));
  }
}

const stats = setInterval(() => {
  logger.info({ totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount, notifications }, 'pool stats');
}, 15000);

function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  clearInterval(stats);
  logger.info({ reason }, 'shutting down');
  listener?.end().catch(() => {});
  server.close(async () => {
    await pool.end();
    logger.info('server closed, pool ended');
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
const { rows } = await pool.query('SELECT version() AS version');
logger.info({ db: rows[0].version }, 'connected to PostgreSQL');
listenForOrderEvents();
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version, pg: { max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 10000 } },
    `orders-api listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
