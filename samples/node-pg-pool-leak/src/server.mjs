// stock-api 2.7.0: a small Node HTTP API over PostgreSQL with node-postgres (`pg.Pool`), logging with pino +
// pino-http as NDJSON on stdout (make.sh redirects stdout and stderr to logs/stock-api.log). ISO timestamps,
// numeric levels, name "stock-api"; pino-http logs every request (4xx at warn, 5xx at error); a failed request
// is also logged by the handler with `req.log.error({ err }, 'request failed')`. Every 5 s a `pg pool stats`
// line with the pool's totalCount, idleCount and waitingCount.
// Pool: max 10, connectionTimeoutMillis 3000, idleTimeoutMillis 30000, application_name stock-api.
//
// THE BUG: POST /api/v1/reservations checks the stock inside its transaction and, when there is not enough,
// answers 409 and returns before the try/finally that would ROLLBACK and release() the client. The client
// stays checked out, its backend `idle in transaction`, for the rest of the process's life.
//
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import { setInterval, setTimeout } from 'node:timers';
import pg from 'pg';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 18465);
const seconds = Number(process.env.API_SECONDS ?? 300);
const logger = pino({ name: 'stock-api', timestamp: pino.stdTimeFunctions.isoTime });

const poolConfig = { max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 };
const pool = new pg.Pool({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 54465),
  database: process.env.PGDATABASE ?? 'stock',
  user: process.env.PGUSER ?? 'stock_app',
  password: process.env.PGPASSWORD,
  application_name: 'stock-api',
  ...poolConfig,
});
pool.on('error', (err) => logger.error({ err }, 'unexpected error on idle client'));

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

async function getItem(id) {
  const { rows } = await pool.query('SELECT id, sku, name, warehouse, stock, updated_at FROM items WHERE id = $1', [id]);
  return rows[0];
}

async function recentReservations(itemId) {
  const { rows } = await pool.query(
    'SELECT id, order_ref, quantity, created_at FROM reservations WHERE item_id = $1 ORDER BY created_at DESC LIMIT 20',
    [itemId],
  );
  return rows;
}

// Reserves stock for an order in one transaction on a client of its own.
async function reserve(itemId, quantity, orderRef) {
  const client = await pool.connect();
  await client.query('BEGIN');
  const { rows } = await client.query('SELECT stock FROM items WHERE id = $1', [itemId]);
  if (!rows[0] || rows[0].stock < quantity) {
    return { status: 409, body: { error: 'insufficient stock', itemId, requested: quantity, available: rows[0]?.stock ?? 0 } };
  }
  try {
    await client.query('UPDATE items SET stock = stock - $2, updated_at = now() WHERE id = $1', [itemId, quantity]);
    const r = await client.query(
      'INSERT INTO reservations (item_id, order_ref, quantity) VALUES ($1, $2, $3) RETURNING id, created_at',
      [itemId, orderRef, quantity],
    );
    await client.query('COMMIT');
    return { status: 201, body: { id: r.rows[0].id, itemId, quantity, orderRef, createdAt: r.rows[0].created_at } };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function route(req, res, body) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'UP' });
  if (req.method === 'GET' && (m = /^\/api\/v1\/items\/(\d{1,9})$/.exec(url.pathname))) {
    const item = await getItem(Number(m[1]));
    return item ? send(res, 200, item) : send(res, 404, { error: 'item not found' });
  }
  if (req.method === 'GET' && (m = /^\/api\/v1\/items\/(\d{1,9})\/reservations$/.exec(url.pathname))) {
    return send(res, 200, { itemId: Number(m[1]), reservations: await recentReservations(Number(m[1])) });
  }
  if (req.method === 'POST' && url.pathname === '/api/v1/reservations') {
    let input;
    try {
      input = JSON.parse(body);
    } catch (err) {
      req.log.warn({ err }, 'invalid JSON body');
      return send(res, 400, { error: 'invalid JSON' });
    }
    if (!Number.isInteger(input?.itemId) || !Number.isInteger(input.quantity) || input.quantity <= 0 || typeof input.orderRef !== 'string') {
      return send(res, 400, { error: 'invalid reservation' });
    }
    const r = await reserve(input.itemId, input.quantity, input.orderRef);
    return send(res, r.status, r.body);
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

const stats = setInterval(() => {
  logger.info({ pool: { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } }, 'pg pool stats');
}, 5000);

let stopping = false;
function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  clearInterval(stats);
  logger.info({ reason }, 'shutting down');
  server.close(() => logger.info('server closed'));
  // pool.end() waits for every checked-out client to be released: do not wait for it forever.
  pool.end().then(() => logger.info('pool ended'));
  setTimeout(() => process.exit(0), 3000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
const { rows } = await pool.query('SELECT version() AS version');
logger.info({ db: rows[0].version }, 'connected to PostgreSQL');
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version, pg: poolConfig }, `stock-api listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
