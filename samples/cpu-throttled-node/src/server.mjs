// fare-quote: a small Node HTTP service that quotes air fares from PostgreSQL with node-postgres (`pg.Pool`),
// logging with the real pino + pino-http as NDJSON to a file (pino.destination, asynchronous, the way the
// team ships logs from a container's volume). The team's pino setup: pino's defaults (numeric "level",
// epoch-millisecond "time", "msg"), name "fare-quote"; errors through pino's err serializer. pino-http logs
// every request with its responseTime, without headers (4xx at warn, 5xx at error); a failed request is also logged by the
// handler with `req.log.error({ err }, 'request failed')`; errors of idle pooled clients with
// `logger.error({ err }, 'unexpected error on idle client')`. Every 15 s a `pool stats` line.
//
// Endpoints:
//   GET  /api/v1/quotes?route=ID&cabin=C&date=YYYY-MM-DD&pax=N  one indexed query for the route's fares, then
//        the pricing model in JavaScript (a demand curve over 60 departure days per fare: a few ms of CPU)
//   GET  /api/v1/fares/ID                                        one row by primary key
//   POST /api/v1/holds {fareId, customerId, pax}                 a transaction (SELECT ... FOR UPDATE, UPDATE, INSERT)
//   GET  /healthz
// Pool: max 10, connectionTimeoutMillis 5000, idleTimeoutMillis 10000.
// Bounded: it exits by itself after API_SECONDS, or on SIGTERM. Listens on 127.0.0.1:API_PORT only.
import http from 'node:http';
import { setTimeout, setInterval } from 'node:timers';
import pg from 'pg';
import pino from 'pino';
import pinoHttp from 'pino-http';

const port = Number(process.env.API_PORT ?? 18221);
const seconds = Number(process.env.API_SECONDS ?? 360);
const dest = pino.destination({ dest: process.env.LOG_FILE ?? 1, sync: false, mkdir: true });
const logger = pino({ name: 'fare-quote' }, dest);

const POOL = { max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 10000 };
const pool = new pg.Pool({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 54411),
  database: process.env.PGDATABASE ?? 'fares',
  user: process.env.PGUSER ?? 'fare_quote',
  password: process.env.PGPASSWORD,
  application_name: 'fare-quote',
  ...POOL,
});
pool.on('error', (err) => {
  logger.error({ err }, 'unexpected error on idle client');
});

// Request logs without headers (the team dropped them to keep the log volume down): the request's id,
// method, url and peer; the response's status code; pino-http adds responseTime (ms).
const httpLogger = pinoHttp({
  logger,
  serializers: {
    req: (req) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress, remotePort: req.remotePort }),
    res: (res) => ({ statusCode: res.statusCode }),
  },
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

// The pricing model: for each fare, a demand curve over the 60 departure days around the requested date
// (seasonality, day of week, advance purchase, load factor), the cheapest sellable day and a small
// calendar of prices. Pure JavaScript, a few milliseconds per quote.
const DAY = 86400000;
function priceFare(f, departure, pax) {
  const calendar = [];
  let best = Infinity;
  let bestDay = 0;
  for (let d = -30; d < 30; d++) {
    const t = departure + d * DAY;
    const doy = Math.floor((t - Date.UTC(new Date(t).getUTCFullYear(), 0, 1)) / DAY);
    const season = 1 + 0.18 * Math.sin((2 * Math.PI * (doy - 170)) / 365);
    const dow = [1.08, 0.94, 0.9, 0.93, 1.05, 1.12, 1.02][new Date(t).getUTCDay()];
    const advance = Math.max(0, (t - Date.now()) / DAY);
    const advanceFactor = advance < f.advance_days ? 1.6 : 1 + 0.35 * Math.exp(-advance / 21);
    let demand = 0;
    for (let k = 1; k <= 24; k++) demand += Math.exp(-((k - 12) ** 2) / (2 * 9)) * Math.cos((k * doy) / 57) ** 2;
    const load = Math.min(1, (40 - f.seats_left + pax) / 40);
    const price = f.base_cents * season * dow * advanceFactor * (1 + 0.5 * load ** 3) * (1 + demand / 400);
    const cents = Math.round(price * pax);
    calendar.push(cents);
    if (d >= -3 && d <= 3 && cents < best) {
      best = cents;
      bestDay = d;
    }
  }
  return {
    fareId: Number(f.id),
    fareBasis: f.fare_basis,
    refundable: f.refundable,
    seatsLeft: f.seats_left,
    totalCents: best,
    departure: new Date(departure + bestDay * DAY).toISOString().slice(0, 10),
    calendar,
  };
}

async function quote(routeId, cabin, date, pax) {
  const { rows } = await pool.query(
    `SELECT f.id, f.fare_basis, f.base_cents, f.seats_left, f.advance_days, f.refundable, r.origin, r.destination
       FROM fares f JOIN routes r ON r.id = f.route_id
      WHERE f.route_id = $1 AND f.cabin = $2 AND $3::date BETWEEN f.valid_from AND f.valid_to`,
    [routeId, cabin, date],
  );
  if (rows.length === 0) return undefined;
  const departure = Date.parse(`${date}T00:00:00Z`);
  const offers = rows.map((f) => priceFare(f, departure, pax)).sort((a, b) => a.totalCents - b.totalCents);
  return { routeId, origin: rows[0].origin.trim(), destination: rows[0].destination.trim(), cabin, pax, offers };
}

async function fare(id) {
  const { rows } = await pool.query(
    `SELECT id, route_id, cabin, fare_basis, base_cents, seats_left, refundable, valid_from, valid_to FROM fares WHERE id = $1`,
    [id],
  );
  return rows[0];
}

async function hold(log, fareId, customerId, pax) {
  const client = await pool.connect();
  const onClientError = (err) => log.error({ err }, 'connection lost during transaction');
  client.on('error', onClientError);
  let failure;
  try {
    await client.query('BEGIN');
    const f = await client.query('SELECT id, base_cents, seats_left FROM fares WHERE id = $1 FOR UPDATE', [fareId]);
    if (f.rowCount === 0 || f.rows[0].seats_left < pax) {
      await client.query('ROLLBACK');
      return f.rowCount === 0 ? undefined : null;
    }
    await client.query('UPDATE fares SET seats_left = seats_left - $2 WHERE id = $1', [fareId, pax]);
    const h = await client.query(
      `INSERT INTO holds (fare_id, customer_id, price_cents, expires_at) VALUES ($1, $2, $3, now() + interval '20 minutes')
       RETURNING id, expires_at`,
      [fareId, customerId, f.rows[0].base_cents * pax],
    );
    await client.query('COMMIT');
    return { holdId: Number(h.rows[0].id), fareId, customerId, pax, expiresAt: h.rows[0].expires_at };
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
    client.release(failure);
  }
}

async function route(req, res, body) {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let m;
  if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { status: 'UP' });
  if (req.method === 'GET' && url.pathname === '/api/v1/quotes') {
    const routeId = Number(url.searchParams.get('route'));
    const cabin = url.searchParams.get('cabin') ?? 'economy';
    const date = url.searchParams.get('date') ?? '';
    const pax = Number(url.searchParams.get('pax') ?? 1);
    if (!Number.isInteger(routeId) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(pax) || pax < 1 || pax > 9) {
      return send(res, 400, { error: 'invalid quote request' });
    }
    const q = await quote(routeId, cabin, date, pax);
    return q ? send(res, 200, q) : send(res, 404, { error: 'no fares for this route, cabin and date' });
  }
  if (req.method === 'GET' && (m = /^\/api\/v1\/fares\/(\d{1,12})$/.exec(url.pathname))) {
    const f = await fare(Number(m[1]));
    return f ? send(res, 200, f) : send(res, 404, { error: 'fare not found' });
  }
  if (req.method === 'POST' && url.pathname === '/api/v1/holds') {
    let input;
    try {
      input = JSON.parse(body);
    } catch (err) {
      req.log.warn({ err }, 'invalid JSON body');
      return send(res, 400, { error: 'invalid JSON' });
    }
    if (!Number.isInteger(input?.fareId) || !Number.isInteger(input?.customerId) || !Number.isInteger(input?.pax)) {
      return send(res, 400, { error: 'invalid hold' });
    }
    const h = await hold(req.log, input.fareId, input.customerId, input.pax);
    if (h === undefined) return send(res, 404, { error: 'fare not found' });
    if (h === null) return send(res, 409, { error: 'not enough seats left' });
    return send(res, 201, h);
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
  logger.info({ totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount }, 'pool stats');
}, 15000);

let stopping = false;
function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  clearInterval(stats);
  logger.info({ reason }, 'shutting down');
  server.close(async () => {
    await pool.end();
    logger.info('server closed, pool ended');
    dest.flushSync();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    dest.flushSync();
    process.exit(0);
  }, 5000).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
const { rows } = await pool.query('SELECT version() AS version');
logger.info({ db: rows[0].version }, 'connected to PostgreSQL');
server.listen(port, '127.0.0.1', () => {
  logger.info({ port, node: process.version, pg: POOL }, `fare-quote listening on http://127.0.0.1:${port}`);
  setTimeout(() => shutdown('deadline reached'), seconds * 1000).unref();
});
