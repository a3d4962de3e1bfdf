// Makes node-postgres fail each way a pooled caller can fail, and logs each failure the way services do:
// pino's err serializer (NDJSON on stdout) and, for the plain-text form, console.error with a time on stderr.
//   pool-wait     pg.Pool max 1, its one client held: a second caller waits connectionTimeoutMillis for it
//                 ("timeout exceeded when trying to connect", pg-pool/index.js connect())
//   connect       a pool whose server accepts TCP and never answers: a NEW connection is not opened in time
//                 ("Connection terminated due to connection timeout", pg-pool/index.js newClient())
//   dropped       a server that accepts and closes at once ("Connection terminated unexpectedly", pg/lib/client.js)
//   refused       nothing listens on the port (connect ECONNREFUSED)
// PGPORT is a real PostgreSQL; SILENT_PORT, DROP_PORT and CLOSED_PORT are this script's own listeners or none.
import net from 'node:net';
import pg from 'pg';
import pino from 'pino';

const logger = pino({ name: 'pool-timeouts', timestamp: pino.stdTimeFunctions.isoTime });
const db = {
  host: '127.0.0.1',
  port: Number(process.env.PGPORT),
  database: process.env.PGDATABASE,
  user: process.env.PGUSER,
  password: process.env.PGPASSWORD,
};
const silentPort = Number(process.env.SILENT_PORT);
const dropPort = Number(process.env.DROP_PORT);
const closedPort = Number(process.env.CLOSED_PORT);

const held = [];
const silent = net.createServer((s) => held.push(s)); // accepts, never answers
const drop = net.createServer((s) => s.destroy()); // accepts, closes at once
await new Promise((r) => silent.listen(silentPort, '127.0.0.1', r));
await new Promise((r) => drop.listen(dropPort, '127.0.0.1', r));

async function fail(what, pool, run) {
  try {
    await run(pool);
    logger.warn({ what }, 'expected a failure and got none');
  } catch (err) {
    logger.error({ err, what, pool: { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } }, 'query failed');
    console.error(new Date().toISOString(), 'query failed', err);
  }
}

const waitPool = new pg.Pool({ ...db, max: 1, connectionTimeoutMillis: 800 });
const holder = await waitPool.connect();
await fail('pool-wait', waitPool, (p) => p.query('SELECT 1'));
holder.release();
await waitPool.end();

const connectPool = new pg.Pool({ ...db, port: silentPort, max: 2, connectionTimeoutMillis: 800 });
await fail('connect', connectPool, (p) => p.query('SELECT 1'));
await connectPool.end();

const dropPool = new pg.Pool({ ...db, port: dropPort, max: 2, connectionTimeoutMillis: 800 });
await fail('dropped', dropPool, (p) => p.query('SELECT 1'));
await dropPool.end();

const refusedPool = new pg.Pool({ ...db, port: closedPort, max: 2, connectionTimeoutMillis: 800 });
await fail('refused', refusedPool, (p) => p.query('SELECT 1'));
await refusedPool.end();

for (const s of held) s.destroy();
silent.close();
drop.close();
