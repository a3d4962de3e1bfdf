/**
 * Pool timeouts of Node database clients other than HikariCP, typed with the client, the pool and what
 * the message means. Wordings are the libraries' own (checked in their source):
 *
 * - node-postgres `pg.Pool` (pg-pool/index.js): `timeout exceeded when trying to connect` is raised in
 *   `connect()` only when the pool was full (every client checked out) and none came back within
 *   connectionTimeoutMillis — a wait for a pooled client. `Connection terminated due to connection
 *   timeout` is raised in `newClient()`: a NEW connection was not opened in time (the server or the
 *   network did not answer) — pino's err serializer appends its cause: `…: Connection terminated unexpectedly`.
 * - Knex (lib/client.js `acquireConnection`): `KnexTimeoutError: Knex: Timeout acquiring a connection. The
 *   pool is probably full. Are you missing a .transacting(trx) call?` — tarn's acquireTimeoutMillis; pino appends
 *   its cause, `: operation timed out for an unknown reason`. Run for real (__fixtures__/pool-timeouts), Knex says
 *   exactly the same when the pool is NOT full but its one new connection hangs (a server that never answers):
 *   like pg.Pool's, the words cannot tell the two apart, so they are typed as a wait and the cause rules read the
 *   database side. With a driver connect timeout (pg's `connectionTimeoutMillis`) Knex passes on node-postgres's
 *   own `Error: timeout expired` (pg/lib/client.js), a connect timeout.
 * - Sequelize: `SequelizeConnectionAcquireTimeoutError` (class ConnectionAcquireTimeoutError), whose message is
 *   sequelize-pool's TimeoutError's, `Operation timeout` — also raised when a new connection hangs; a driver
 *   connect timeout comes as `SequelizeConnectionError: timeout expired`.
 * - generic-pool (Sequelize ≤ 4, many others): `ResourceRequest timed out` (from its source; not run here).
 * - mysql2 (lib/base/pool.js) has no acquire timeout: it rejects at once with `Queue limit reached.` (the
 *   pool full and queueLimit callers already waiting) or `No connections available.` (the pool full with
 *   waitForConnections false). Its connectTimeout gives `Error: connect ETIMEDOUT` with mysql2's own
 *   `errorno: 'ETIMEDOUT'` (a string, unlike Node's numeric errno). mysql2/promise rewrites stacks to the
 *   caller's, so no node_modules/mysql2 frame says which library it was.
 * - Go database/sql prints nothing of its own: a caller waiting in `(*DB).conn` fails with the context's
 *   `context deadline exceeded`, like any other wait. It is a pool wait only where a goroutine dump or the
 *   logged DBStats say so (pool-stats-logs.ts reads WaitCount), so no text is matched here for it.
 */
import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, pickEvidence, plural, singleFinding } from '../findings-from-hits';
import { errorChain, nodeErrOf, recordText } from '../record-text';
import type { Signature } from '../types';
import type { PoolTimeoutOcc } from './hikari-pool-timeout';

export const CLIENT_POOL_TIMEOUT = 'client-pool-timeout';

/** `pg`: node-postgres's Client connect timeout, whichever pool (Knex, a hand-made one) opened it. */
export type PoolClient = 'pg-pool' | 'pg' | 'knex' | 'sequelize' | 'generic-pool' | 'mysql2';

/**
 * - `pool-wait`: the caller waited for a pooled connection and none was returned in time: all were checked out.
 * - `pool-full`: refused at once because the pool (and its queue) was full.
 * - `connect-timeout`: the pool opened a new connection and the server did not answer in time (database or network side).
 */
export type PoolTimeoutMeaning = 'pool-wait' | 'pool-full' | 'connect-timeout';

export interface ClientPoolTimeoutData {
  byClient: Partial<Record<PoolClient, number>>;
  byMeaning: Partial<Record<PoolTimeoutMeaning, number>>;
}

export interface ClientPoolTimeoutOcc extends PoolTimeoutOcc {
  client: PoolClient;
  meaning: PoolTimeoutMeaning;
}

interface Wording {
  re: RegExp;
  client: PoolClient;
  meaning: PoolTimeoutMeaning;
  /**
   * For words too common alone: what the whole record (stack, printed fields) must also show. Checked where the
   * record is matched; a stored row keeps only its first line, and was stored only because this held.
   */
  needs?: RegExp;
}

/** Most specific first: a connect timeout's pino message also carries its cause's text. */
const WORDINGS: readonly Wording[] = [
  { re: /Connection terminated due to connection timeout/, client: 'pg-pool', meaning: 'connect-timeout' },
  { re: /\btimeout exceeded when trying to connect\b/, client: 'pg-pool', meaning: 'pool-wait' },
  { re: /Knex: Timeout acquiring a connection/, client: 'knex', meaning: 'pool-wait' },
  { re: /\b(?:Sequelize)?ConnectionAcquireTimeoutError\b/, client: 'sequelize', meaning: 'pool-wait' },
  // Sequelize wraps node-postgres's connect timeout: pino's stack line, or util.inspect's `ConnectionError [SequelizeConnectionError]:`.
  { re: /\bSequelizeConnectionError\]?: timeout expired\b/, client: 'sequelize', meaning: 'connect-timeout' },
  { re: /\bResourceRequest timed out\b/, client: 'generic-pool', meaning: 'pool-wait' },
  { re: /(?:^|\bError: )(?:Queue limit reached|No connections available)\.$/m, client: 'mysql2', meaning: 'pool-full' },
  // pg/lib/client.js connectionTimeoutMillis: `new Error('timeout expired')`, thrown from its own timer.
  { re: /(?:^|\bError: )timeout expired$/m, client: 'pg', meaning: 'connect-timeout', needs: /node_modules\/pg\/lib\/client\.js/ },
  // mysql2 lib/base/connection.js connectTimeout. ioredis throws the same `connect ETIMEDOUT`, so only mysql2's string
  // `errorno` with mysql's `fatal` flag (util.inspect's text, or the pino err the parser keeps them on) or a mysql2 frame
  // says whose it is.
  { re: /(?:^|\bError: )connect ETIMEDOUT$/m, client: 'mysql2', meaning: 'connect-timeout', needs: /\berrorno: 'ETIMEDOUT'[^]*\bfatal: true\b|"fatal":true[^]*"errorno":"ETIMEDOUT"|"errorno":"ETIMEDOUT"[^]*"fatal":true|node_modules\/mysql2\// },
];

/** Where these wordings appear: the error's cause chain, its stack's first line, the record's text. */
function textsOf(text: string, f: Record<string, unknown>): string[] {
  const stack = (nodeErrOf(f) as { stack?: unknown } | null)?.stack;
  const out = errorChain(f);
  if (typeof stack === 'string') out.push(stack.split('\n', 1)[0]!);
  out.push(text);
  return out;
}

/** `full`: the whole record is at hand, so a wording's `needs` can be checked (else it was checked when stored). */
export function classify(texts: readonly string[], full = false): Pick<ClientPoolTimeoutOcc, 'client' | 'meaning'> | null {
  for (const w of WORDINGS) {
    if (!texts.some((t) => w.re.test(t))) continue;
    if (full && w.needs && !texts.some((t) => w.needs!.test(t))) continue;
    return { client: w.client, meaning: w.meaning };
  }
  return null;
}

/**
 * Every wording above carries one of these words. The matcher runs on every record of every log while it is
 * ingested: a one-line record without an error object is tested on its message alone, before the texts are built.
 */
const ANY_WORDING = /imeout|timed out|expired|Queue limit reached|No connections available|ETIMEDOUT/;

function mayMatch(r: LogRecord): boolean {
  return r.continuation.length > 0 || r.fields.err !== undefined || r.fields.exception !== undefined || ANY_WORDING.test(r.message);
}

/** mysql2's two sentences are short and generic: only from a record that is an error, not a line that quotes them. */
function classifyRecord(r: LogRecord): Pick<ClientPoolTimeoutOcc, 'client' | 'meaning'> | null {
  const err = nodeErrOf(r.fields);
  const texts = textsOf(recordText(r), r.fields);
  if (err) texts.push(JSON.stringify(err));
  const c = classify(texts, true);
  if (c?.client === 'mysql2' && c.meaning === 'pool-full' && err) {
    return /^(?:Queue limit reached|No connections available)\.$/.test(err.message ?? '') ? c : null;
  }
  return c;
}

const MEANS: Record<PoolTimeoutMeaning, string> = {
  'pool-wait': 'waited for a pooled connection and none was returned in time',
  'pool-full': 'refused at once: the pool and its queue were full',
  'connect-timeout': 'a new connection to the database was not opened in time',
};

export const clientPoolTimeout: Signature<typeof CLIENT_POOL_TIMEOUT, ClientPoolTimeoutData, ClientPoolTimeoutOcc> = {
  id: CLIENT_POOL_TIMEOUT,
  title: 'Requests timed out waiting for a database connection (node-postgres, Knex, Sequelize, mysql2)',
  severity: 'high',
  explanation:
    "A caller asked its client library's pool for a connection and gave up. Two different things hide behind similar words: " +
    'a wait for a pooled connection (pg.Pool "timeout exceeded when trying to connect", Knex "Timeout acquiring a connection", ' +
    'Sequelize ConnectionAcquireTimeoutError, mysql2 "Queue limit reached.") means every connection was checked out — by slow ' +
    'queries, by code that never returned them, or by a load the pool cannot serve — while "Connection terminated due to ' +
    'connection timeout" (Knex and Sequelize pass on node-postgres\'s "timeout expired"; mysql2 "connect ETIMEDOUT") means the ' +
    'pool tried to open a new connection and the database or the network did not answer in time. A pool with no connect timeout ' +
    'of its own reports a new connection that hangs with the words of a full pool: read the database side before blaming the pool.',
  fix:
    'For pool waits, read the pool counts (pg.Pool totalCount/idleCount/waitingCount) and the database side (pg_stat_activity: ' +
    "connections 'idle in transaction' that never finish are leaked; 'active' ones waiting on locks or slow statements are " +
    'saturation): make every code path release its client (try/finally), fix the slow statement, then size the pool. For ' +
    'connect timeouts, check that the database is up and reachable and accepting connections.',
  references: [
    'https://node-postgres.com/apis/pool',
    'https://github.com/brianc/node-postgres/blob/master/packages/pg-pool/index.js',
    'https://knexjs.org/guide/#pool',
    'https://sequelize.org/docs/v6/other-topics/connection-pool/',
    'https://sidorares.github.io/node-mysql2/docs#using-connection-pools',
  ],
  samples: {
    parser: 'pino',
    // node-postgres 8.23.1 through pino 10.4.0, from __fixtures__/pool-timeouts/make-fixtures.sh.
    match: [
      '{"level":50,"time":"2026-12-07T16:36:20.459Z","pid":23491,"hostname":"vm","name":"pool-timeouts","err":{"type":"Error","message":"timeout exceeded when trying to connect","stack":"Error: timeout exceeded when trying to connect\\n    at /tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg-pool/index.js:45:11\\n    at async fail (file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:34:5)\\n    at async file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:44:1"},"what":"pool-wait","pool":{"totalCount":1,"idleCount":0,"waitingCount":0},"msg":"query failed"}',
      '{"level":50,"time":"2026-12-07T16:36:21.265Z","pid":23491,"hostname":"vm","name":"pool-timeouts","err":{"type":"Error","message":"Connection terminated due to connection timeout: Connection terminated unexpectedly","stack":"Error: Connection terminated due to connection timeout\\n    at /tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg-pool/index.js:45:11\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\\n    at async fail (file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:34:5)\\n    at async file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:49:1\\ncaused by: Error: Connection terminated unexpectedly\\n    at Connection.<anonymous> (/tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg/lib/client.js:204:73)\\n    at Object.onceWrapper (node:events:638:28)\\n    at Connection.emit (node:events:524:28)\\n    at Socket.<anonymous> (/tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg/lib/connection.js:64:12)\\n    at Socket.emit (node:events:524:28)\\n    at TCP.<anonymous> (node:net:343:12)"},"what":"connect","pool":{"totalCount":0,"idleCount":0,"waitingCount":0},"msg":"query failed"}',
    ],
    noMatch: [
      '{"level":50,"time":"2026-12-07T16:36:21.269Z","pid":23491,"hostname":"vm","name":"pool-timeouts","err":{"type":"Error","message":"Connection terminated unexpectedly","stack":"Error: Connection terminated unexpectedly\\n    at /tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg-pool/index.js:45:11\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\\n    at async fail (file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:34:5)\\n    at async file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:53:1"},"what":"dropped","pool":{"totalCount":0,"idleCount":0,"waitingCount":0},"msg":"query failed"}',
      '{"level":50,"time":"2026-12-07T16:36:21.271Z","pid":23491,"hostname":"vm","name":"pool-timeouts","err":{"type":"Error","message":"connect ECONNREFUSED 127.0.0.1:54464","stack":"Error: connect ECONNREFUSED 127.0.0.1:54464\\n    at /tmp/rootline-pool-timeouts.TxoxIJ/node/node_modules/pg-pool/index.js:45:11\\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\\n    at async fail (file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:34:5)\\n    at async file:///tmp/rootline-pool-timeouts.TxoxIJ/node/pool-timeouts.mjs:57:1","errno":-111,"code":"ECONNREFUSED","syscall":"connect","address":"127.0.0.1","port":54464},"what":"refused","pool":{"totalCount":0,"idleCount":0,"waitingCount":0},"msg":"query failed"}',
    ],
  },
  match: (r: LogRecord) => mayMatch(r) && classifyRecord(r) !== null,
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const byClient: Partial<Record<PoolClient, number>> = {};
      const byMeaning: Partial<Record<PoolTimeoutMeaning, number>> = {};
      const firstOf = new Map<PoolTimeoutMeaning, (typeof events)[number]>();
      for (const e of events) {
        const c = classify(textsOf(e.message, fieldsOf(e)));
        if (!c) continue;
        byClient[c.client] = (byClient[c.client] ?? 0) + 1;
        byMeaning[c.meaning] = (byMeaning[c.meaning] ?? 0) + 1;
        if (!firstOf.has(c.meaning)) firstOf.set(c.meaning, e);
      }
      const parts = (Object.entries(byMeaning) as [PoolTimeoutMeaning, number][]).map(([m, k]) => `${k} ${MEANS[m]}`);
      return {
        summary: `${plural(count, 'request')} failed getting a database connection from ${Object.keys(byClient).join(', ')}: ${parts.join('; ')}.`,
        data: { byClient, byMeaning },
        evidence: pickEvidence(events, [...firstOf.entries()].map(([m, e]) => [e, `first: ${MEANS[m]}`])),
      };
    }, (e, base, f) => {
      // A stored row keeps the first line and the typed error, not a text record's continuation: a wording seen only
      // there (a stack's cause) is read as the common case, a pool wait.
      const c = classify(textsOf(e.message, f)) ?? { client: 'pg-pool' as const, meaning: 'pool-wait' as const };
      return { ...base, ...c, waitMs: 0, pool: null, overshootMs: null, total: null, active: null, waiting: null };
    });
  },
};
