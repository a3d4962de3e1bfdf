// A Node 20 service on node-postgres that logs its pool's counts with pino once a second
// ({ pool: { totalCount, idleCount, waitingCount } }, "pg pool stats") and one line per query.
// The pool holds at most 5 clients. Phase 1: 3 callers loop over `SELECT pg_sleep(0.1)`; phase 2:
// 20 callers (15 queue in the pool's waiting list); phase 3: 3 callers again. PHASE seconds each.
import pg from 'pg';
import pino from 'pino';

const logger = pino({ name: 'orders-worker' });
const PHASE_MS = Number(process.env.PHASE ?? 10) * 1000;
const pool = new pg.Pool({ max: 5, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 30_000 });
pool.on('error', (err) => logger.error({ err }, 'idle client error'));

let reqId = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function caller(id, until) {
  while (Date.now() < until()) {
    const started = performance.now();
    try {
      const r = await pool.query('SELECT pg_sleep(0.1)');
      logger.info({ reqId: ++reqId, caller: id, durationMs: Math.round((performance.now() - started) * 10) / 10, rowCount: r.rowCount }, 'query done');
    } catch (err) {
      logger.error({ err, caller: id }, 'query failed');
    }
  }
}

const stats = setInterval(() => {
  logger.info({ pool: { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } }, 'pg pool stats');
}, 1000);

logger.info({ max: 5 }, 'pool-stats service started');
const t0 = Date.now();
const end = t0 + 3 * PHASE_MS;
const base = Array.from({ length: 3 }, (_, i) => caller(i, () => end));
await sleep(PHASE_MS);
logger.info('load burst: 17 more callers');
const burstEnd = Date.now() + PHASE_MS;
const burst = Array.from({ length: 17 }, (_, i) => caller(3 + i, () => burstEnd));
await Promise.all(burst);
logger.info('load burst over');
await Promise.all(base);
clearInterval(stats);
await pool.end();
logger.info('pool-stats service stopped');
