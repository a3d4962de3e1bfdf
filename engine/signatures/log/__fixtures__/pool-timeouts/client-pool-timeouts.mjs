// Makes Knex, Sequelize (both on node-postgres) or mysql2 (argv[2]) fail each way a pooled caller can, and logs each
// failure the way services do: pino's err serializer (NDJSON on stdout) and console.error with a time (stderr).
//   pool-wait        a pool of 1 held by a slow statement (pg_sleep / SLEEP) while two more callers ask, with a short
//                    acquire timeout (mysql2 has none: its pool-full refusals are queue-limit and no-wait instead)
//   connect-acquire  the server accepts TCP and never answers, no driver connect timeout: the pool's acquire timeout fires
//   connect-timeout  the same silent server with a driver connect timeout shorter than the acquire timeout
//   refused          nothing listens on the port
// DB_PORT is a real PostgreSQL (knex, sequelize) or MariaDB (mysql2); SILENT_PORT is this script's listener, CLOSED_PORT none.
import net from 'node:net';
import pino from 'pino';

const lib = process.argv[2];
const logger = pino({ name: 'pool-timeouts', timestamp: pino.stdTimeFunctions.isoTime });
const db = {
  host: '127.0.0.1',
  port: Number(process.env.DB_PORT),
  database: process.env.DB_NAME,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
};
const silentPort = Number(process.env.SILENT_PORT);
const closedPort = Number(process.env.CLOSED_PORT);
/** Long enough to outlast every acquire timeout below with a margin on a loaded machine. */
const SLOW_SECONDS = 4;
const ACQUIRE_MS = 1000;
const CONNECT_MS = 500;

const held = [];
const silent = net.createServer((s) => held.push(s)); // accepts, never answers
await new Promise((r) => silent.listen(silentPort, '127.0.0.1', r));

function logFailure(what, err) {
  logger.error({ err, lib, what }, 'query failed');
  console.error(new Date().toISOString(), 'query failed', err);
}

/** Closes a pool without waiting on a connect the silent listener never answers. */
const close = (p) => Promise.race([Promise.resolve(p).catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);

async function fail(what, run) {
  try {
    await run();
    logger.warn({ lib, what }, 'expected a failure and got none');
  } catch (err) {
    logFailure(what, err);
  }
}

/** One slow statement holds the pool's only connection while two more callers ask for one. */
async function poolWait(slow, quick) {
  const holder = slow();
  // Let the holder check its connection out first.
  await new Promise((r) => setTimeout(r, 300));
  await Promise.all([fail('pool-wait', quick), fail('pool-wait', quick)]);
  await holder;
}

async function runKnex() {
  const { default: knex } = await import('knex');
  const make = (connection, acquireConnectionTimeout) =>
    knex({ client: 'pg', connection, pool: { min: 0, max: 1 }, acquireConnectionTimeout });

  const waitDb = make(db, ACQUIRE_MS);
  // A Knex builder runs only when awaited: then() starts the slow one now.
  await poolWait(() => waitDb.raw(`SELECT pg_sleep(${SLOW_SECONDS})`).then(), () => waitDb.raw('SELECT 1'));
  await close(waitDb.destroy());

  const silentDb = make({ ...db, port: silentPort }, ACQUIRE_MS);
  await fail('connect-acquire', () => silentDb.raw('SELECT 1'));
  await close(silentDb.destroy());

  const timeoutDb = make({ ...db, port: silentPort, connectionTimeoutMillis: CONNECT_MS }, ACQUIRE_MS * 3);
  await fail('connect-timeout', () => timeoutDb.raw('SELECT 1'));
  await close(timeoutDb.destroy());

  const refusedDb = make({ ...db, port: closedPort }, ACQUIRE_MS);
  await fail('refused', () => refusedDb.raw('SELECT 1'));
  await close(refusedDb.destroy());
}

async function runSequelize() {
  const { Sequelize } = await import('sequelize');
  const make = (port, acquire, more = {}) =>
    new Sequelize(db.database, db.user, db.password, {
      host: db.host, port, dialect: 'postgres', logging: false, pool: { min: 0, max: 1, acquire }, ...more,
    });

  const waitDb = make(db.port, ACQUIRE_MS);
  await poolWait(() => waitDb.query(`SELECT pg_sleep(${SLOW_SECONDS})`), () => waitDb.query('SELECT 1'));
  await close(waitDb.close());

  // Sequelize's first connect reads the server version outside the pool, with no timeout: against a server that never
  // answers it waits forever (and logs nothing). A known databaseVersion skips it, so the pool's acquire timeout fires.
  const silentDb = make(silentPort, ACQUIRE_MS, { databaseVersion: '15.0.0' });
  await fail('connect-acquire', () => silentDb.query('SELECT 1'));
  await close(silentDb.close());

  const timeoutDb = make(silentPort, ACQUIRE_MS * 3, { dialectOptions: { connectionTimeoutMillis: CONNECT_MS } });
  await fail('connect-timeout', () => timeoutDb.query('SELECT 1'));
  await close(timeoutDb.close());

  const refusedDb = make(closedPort, ACQUIRE_MS);
  await fail('refused', () => refusedDb.query('SELECT 1'));
  await close(refusedDb.close());
}

async function runMysql2() {
  const mysql = (await import('mysql2/promise')).default;

  // The pool full and one caller already queued: the next is refused at once.
  const queueDb = mysql.createPool({ ...db, connectionLimit: 1, queueLimit: 1 });
  const holder = queueDb.query(`SELECT SLEEP(${SLOW_SECONDS})`);
  await new Promise((r) => setTimeout(r, 300));
  const queued = queueDb.query('SELECT 1');
  await fail('queue-limit', () => queueDb.query('SELECT 1'));
  await Promise.all([holder, queued]);
  await close(queueDb.end());

  // The pool full and callers not allowed to wait.
  const noWaitDb = mysql.createPool({ ...db, connectionLimit: 1, waitForConnections: false });
  const noWaitHolder = noWaitDb.query(`SELECT SLEEP(${SLOW_SECONDS})`);
  await new Promise((r) => setTimeout(r, 300));
  await fail('no-wait', () => noWaitDb.query('SELECT 1'));
  await noWaitHolder;
  await close(noWaitDb.end());

  const timeoutDb = mysql.createPool({ ...db, port: silentPort, connectionLimit: 1, connectTimeout: CONNECT_MS });
  await fail('connect-timeout', () => timeoutDb.query('SELECT 1'));
  await close(timeoutDb.end());

  const refusedDb = mysql.createPool({ ...db, port: closedPort, connectionLimit: 1 });
  await fail('refused', () => refusedDb.query('SELECT 1'));
  await close(refusedDb.end());
}

const runs = { knex: runKnex, sequelize: runSequelize, mysql2: runMysql2 };
if (!runs[lib]) throw new Error(`unknown library ${lib}`);
await runs[lib]();
for (const s of held) s.destroy();
silent.close();
// Pools that still retry a create against the silent listener would keep the process alive.
process.exit(0);
