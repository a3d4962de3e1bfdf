/**
 * Types HikariCP log messages (1.x to 6.x wordings, relocated/shaded packages included) into the
 * kinds of kinds.ts. Pure and cheap: records of other loggers are rejected by one regex test, so the
 * Java parser can call it for every record of a 2-million-line log.
 */
import { borrowingFrame } from './app-frame';
import { parseHikariDuration } from './duration';
import type { HikariKind, HikariKindFields } from './kinds';

export interface HikariClassification {
  kind: string;
  fields: Record<string, unknown>;
}

/** What the caller knows about the record besides its text. */
export interface ClassifyHint {
  /** The record's logger; when it is not a HikariCP class only unmistakable wordings are typed. */
  logger?: string;
}

type Result = { kind: HikariKind; fields: HikariKindFields[HikariKind] } | null;

const out = <K extends HikariKind>(kind: K, fields: HikariKindFields[K]): Result => ({ kind, fields });

/** Logger names of HikariCP classes, shaded copies included (`fr.xephi.authme.libs.zaxxer.hikari…`, `c.z.h.p.PoolBase`). */
const HIKARI_LOGGER = /hikari|zaxxer|\.z\.h\.|PoolBase|ProxyLeakTask|ProxyConnection|DriverDataSource|PoolElf|LeakTask/i;
const loggerCache = new Map<string, boolean>();

function isHikariLogger(logger: string): boolean {
  let v = loggerCache.get(logger);
  if (v === undefined) {
    v = HIKARI_LOGGER.test(logger);
    if (loggerCache.size < 10_000) loggerCache.set(logger, v);
  }
  return v;
}

/** Wordings no other library prints: typed whatever the logger (Spring and Hibernate re-log pool timeouts). */
const STRONG =
  /Connection is not available, request timed out|ms of waiting for a connection|Thread starvation or clock leap|clock change detected|stats \(total=|pool stats |connection leak|leaked connection|marked as broken because|Failed to validate connection|failed alive test|Fill pool skipped|Add connection elided|keepalive: connection|Failed to initialize pool|during pool initialization/;

/** Any HikariCP wording at all: the gate for records whose logger is unknown. */
const ANY =
  /onnection|stats|clock|[Pp]ool|Start|Shutdown|Close|\.\.\.\.|onfiguration|Lifetime|Timeout|Threshold|ataSource|river|JMX|beans|housekeeping|jdbcUrl|isolation/;

/**
 * The pool name printed as `{pool} - ` right before `idx`: the text back to the previous ` - `,
 * `: ` (an exception type) or the start.
 */
export function poolBefore(t: string, idx: number): string | undefined {
  if (idx < 4 || t.charCodeAt(idx - 1) !== 32 || t.charCodeAt(idx - 2) !== 45 || t.charCodeAt(idx - 3) !== 32) return undefined;
  const end = idx - 3;
  let start = 0;
  const dash = t.lastIndexOf(' - ', end - 3);
  if (dash >= 0) start = dash + 3;
  const colon = t.lastIndexOf(': ', end - 2);
  if (colon >= 0 && colon + 2 > start) start = colon + 2;
  const pool = t.slice(start, end).trim();
  return pool && pool.length <= 120 ? pool : undefined;
}

/** Text after `{pool} - ` when the message starts with a pool prefix, else the whole text. */
function afterPool(t: string): { pool?: string; rest: string } {
  const i = t.indexOf(' - ');
  if (i > 0 && i <= 120 && !t.slice(0, i).includes(': ')) return { pool: t.slice(0, i).trim(), rest: t.slice(i + 3).trim() };
  return { rest: t.trim() };
}

function int(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** `(total=10, active=10, idle=0, waiting=3)` with 2.x `inUse`/`avail`; the closing paren may be missing (5.1 bug, cut lines). */
function poolCounts(t: string, from: number): { total: number; active: number; idle: number; waiting: number } | null {
  const end = t.indexOf(')', from);
  const body = t.slice(from, end < 0 ? Math.min(t.length, from + 120) : end);
  const v: Record<string, number> = {};
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const n = int(part.slice(eq + 1).trim());
    if (n !== undefined) v[part.slice(0, eq).trim()] = n;
  }
  const total = v.total;
  const active = v.active ?? v.inUse;
  const idle = v.idle ?? v.avail;
  const waiting = v.waiting;
  if (total === undefined || active === undefined || idle === undefined || waiting === undefined) return null;
  return { total, active, idle, waiting };
}

/** `(reason)` → `reason`. */
function unparen(s: string): string {
  const t = s.trim();
  return t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1) : t;
}

/** The exception type right before `idx` (`…SQLTransientConnectionException: {pool} - …`). */
function exceptionTypeBefore(t: string, idx: number): string | undefined {
  const m = /([a-zA-Z_$][\w$]*(?:\.[\w$]+)*(?:Exception|Error)): [^:]*$/.exec(t.slice(Math.max(0, idx - 200), idx));
  return m?.[1];
}

function leadingExceptionType(t: string): string | undefined {
  return /^([a-z][\w$]*(?:\.[\w$]+)+(?:Exception|Error))\b/.exec(t)?.[1];
}

// --- one function per message family ------------------------------------------------------------

function stats(t: string): Result {
  const si = t.indexOf('stats');
  if (si < 0) return null;
  const pi = t.indexOf('(total=', si);
  if (pi < 0 || pi - si > 130) return null;
  const counts = poolCounts(t, pi + 1);
  if (!counts) return null;
  const between = t.slice(si + 5, pi).trim();
  if (between) {
    // 2.x: `Before cleanup pool stats HikariPool-0 (total=…, inUse=…, avail=…, waiting=…)`
    const head = t.slice(0, si).replace(/\s*[Pp]ool\s*$/, '');
    const dash = head.lastIndexOf(' - ');
    const phase = (dash >= 0 ? head.slice(dash + 3) : head).replace(/\s+/g, ' ').trim() || 'Pool';
    return out('hikari.stats', { pool: between, phase, ...counts });
  }
  const head = t.slice(0, si);
  const dash = head.lastIndexOf(' - ');
  let pool: string | undefined;
  let phase: string;
  if (dash >= 0) {
    pool = poolBefore(t, dash + 3);
    phase = head.slice(dash + 3);
  } else phase = head;
  phase = phase.replace(/\s+/g, ' ').trim() || 'Pool';
  return out('hikari.stats', { pool, phase, ...counts });
}

function starvation(t: string, idx: number): Result {
  const m = /\(housekeeper delta=([^)]*)\)/.exec(t.slice(idx));
  const deltaText = (m?.[1] ?? '').trim();
  const pool = poolBefore(t, idx);
  const deltaMs = parseHikariDuration(deltaText);
  // HikariCP 2.4.6 swapped the format arguments: `{delta} - Thread starvation … (housekeeper delta={pool}).`
  if (deltaMs === null && pool !== undefined) {
    const swapped = parseHikariDuration(pool);
    if (swapped !== null) {
      const fields = { pool: deltaText || undefined, deltaMs: swapped, deltaText: pool, swappedArgs: true };
      return out('hikari.starvation', fields);
    }
  }
  return out('hikari.starvation', { pool, deltaMs: deltaMs ?? undefined, deltaText });
}

function retrograde(t: string, idx: number): Result {
  const m = /\(housekeeper delta=([^)]*)\)/.exec(t.slice(idx));
  const deltaText = (m?.[1] ?? '').trim();
  return out('hikari.retrograde-clock', { pool: poolBefore(t, idx), deltaMs: parseHikariDuration(deltaText) ?? undefined, deltaText });
}

function timeout(t: string): Result {
  let idx = t.indexOf('Connection is not available, request timed out after ');
  if (idx >= 0) {
    const m = /^Connection is not available, request timed out after (\d+)ms(?:\.|\s*\(([^)]*)\)?)?/.exec(t.slice(idx));
    if (!m) return null;
    const pt = t.indexOf('(total=', idx);
    const counts = pt >= 0 ? poolCounts(t, pt + 1) : null;
    const pool = poolBefore(t, idx);
    const poolStart = pool !== undefined ? t.lastIndexOf(pool, idx) : idx;
    const exceptionType = exceptionTypeBefore(t, poolStart);
    const outer = leadingExceptionType(t);
    return out('hikari.timeout', {
      pool,
      timeoutMs: Number(m[1]),
      ...(counts ?? {}),
      exceptionType,
      wrappedBy: outer && outer !== exceptionType ? outer : undefined,
    });
  }
  idx = t.indexOf('ms of waiting for a connection');
  if (idx >= 0) {
    // 2.0–2.3: `Timeout after 30000ms of waiting for a connection.`
    const m = /Timeout after (\d+)$/.exec(t.slice(Math.max(0, idx - 40), idx));
    if (!m) return null;
    const exceptionType = exceptionTypeBefore(t, idx);
    const outer = leadingExceptionType(t);
    return out('hikari.timeout', {
      timeoutMs: Number(m[1]),
      exceptionType,
      wrappedBy: outer && outer !== exceptionType ? outer : undefined,
    });
  }
  return null;
}

function validation(t: string): Result {
  let idx = t.indexOf('Failed to validate connection ');
  if (idx >= 0) {
    const s = idx + 'Failed to validate connection '.length;
    const hint = t.indexOf('Possibly consider using a shorter maxLifetime', s);
    const body = (hint >= 0 ? t.slice(s, hint) : t.slice(s)).trim();
    const open = body.indexOf(' (');
    let connection = body;
    let reason: string | undefined;
    if (open >= 0) {
      connection = body.slice(0, open);
      reason = body.slice(open + 2).replace(/\)\.?$/, '');
    }
    return out('hikari.validation-failed', { pool: poolBefore(t, idx), connection: connection.trim(), reason, maxLifetimeHint: hint >= 0 });
  }
  idx = t.indexOf(' failed alive test with exception');
  if (idx >= 0) {
    // 2.4: `{pool} - Connection {conn} failed alive test with exception {message}`
    const c = t.lastIndexOf('Connection ', idx);
    if (c < 0) return null;
    const reason = t.slice(idx + ' failed alive test with exception'.length).trim();
    return out('hikari.validation-failed', { pool: poolBefore(t, c), connection: t.slice(c + 11, idx).trim(), reason: reason || undefined, maxLifetimeHint: false });
  }
  return null;
}

function broken(t: string, idx: number): Result {
  const c = t.lastIndexOf('Connection ', idx);
  if (c < 0) return null;
  let connection = t.slice(c + 11, idx).trim();
  let pool = poolBefore(t, c);
  // 2.3/2.4: `Connection {conn} ({pool}) marked as broken …`
  const own = /^(.*) \(([^()]+)\)$/.exec(connection);
  if (pool === undefined && own) {
    connection = own[1]!;
    pool = own[2];
  }
  const rest = t.slice(idx + ' marked as broken because of '.length);
  const m = /^SQLSTATE\(([^)]*)\), ErrorCode\((-?\d+)\)/.exec(rest);
  if (m) return out('hikari.broken', { pool, connection, sqlState: m[1], errorCode: Number(m[2]) });
  return out('hikari.broken', { pool, connection, reason: rest.replace(/\.$/, '').trim() || undefined });
}

function closing(t: string, idx: number): Result {
  const s = idx + 'Closing connection '.length;
  const body = t.slice(s).trim();
  const pool = poolBefore(t, idx);
  if (body.endsWith(' failed') && !body.includes(': (')) return out('hikari.close-failed', { pool, connection: body.slice(0, -7).trim() });
  const r = body.lastIndexOf(': (');
  if (r >= 0) return out('hikari.closing', { pool, connection: body.slice(0, r).trim(), reason: unparen(body.slice(r + 2)) });
  // 2.x: `Closing connection {conn} in pool {pool}{ (reason)}`
  const inPool = body.lastIndexOf(' in pool ');
  if (inPool >= 0) {
    const after = body.slice(inPool + 9).trim();
    const sp = after.search(/\s/);
    const p = sp < 0 ? after : after.slice(0, sp);
    const reason = sp < 0 ? '' : unparen(after.slice(sp));
    return out('hikari.closing', { pool: p || pool, connection: body.slice(0, inPool).trim(), reason: reason || undefined });
  }
  const colon = body.lastIndexOf(': ');
  if (colon >= 0) return out('hikari.closing', { pool, connection: body.slice(0, colon).trim(), reason: unparen(body.slice(colon + 2)) });
  return out('hikari.closing', { pool, connection: body });
}

/** `{conn} on thread {thread}` → both parts (indexOf only: these lines can be long). */
function connectionOnThread(body: string): { connection?: string; thread?: string } {
  const on = body.lastIndexOf(' on thread ');
  const connection = (on < 0 ? body : body.slice(0, on)).trim();
  const thread = on < 0 ? '' : body.slice(on + 11).trim();
  return { connection: connection || undefined, thread: thread || undefined };
}

function leak(t: string, idx: number, cont: readonly string[]): Result {
  const start = idx + 'Connection leak detection triggered'.length;
  let connection: string | undefined;
  let thread: string | undefined;
  const end = t.indexOf(', stack trace follows', start);
  if (end >= 0 && t.startsWith(' for ', start)) {
    let body = t.slice(start + 5, end);
    if (body.startsWith('connection ')) body = body.slice(11); // 2.4 LeakTask
    ({ connection, thread } = connectionOnThread(body));
  }
  let from = cont.findIndex((l) => l.includes('Apparent connection leak detected'));
  from = from < 0 ? 0 : from + 1;
  return out('hikari.leak', { pool: poolBefore(t, idx), connection, thread, frame: borrowingFrame(cont, from) ?? undefined });
}

function unleaked(t: string, idx: number): Result {
  const start = idx + 'Previously reported leaked connection '.length;
  const end = t.indexOf(' was returned to the pool', start);
  if (end < 0) return null;
  const { connection, thread } = connectionOnThread(t.slice(start, end));
  return connection ? out('hikari.unleaked', { connection, thread }) : null;
}

/** Settings HikariConfig/PoolBase warn about, keyed by the first word of the warning. */
const SETTINGS = new Set([
  'maxLifetime', 'idleTimeout', 'keepaliveTime', 'leakDetectionThreshold', 'connectionTimeout', 'validationTimeout',
  'maxPoolSize', 'minPoolSize', 'maximumPoolSize', 'minimumIdle', 'initializationFailTimeout', 'poolName',
  'jdbcUrl', 'driverClassName', 'dataSourceClassName', 'connectionTestQuery', 'transactionIsolation',
]);

/** Fixed warning sentences → the setting they are about. */
const CONFIG_PHRASES: [string, string][] = [
  ['using dataSource and ignoring dataSourceClassName', 'dataSourceClassName'],
  ['using dataSourceClassName and ignoring jdbcUrl', 'jdbcUrl'],
  ['cannot use driverClassName and dataSourceClassName together', 'driverClassName'],
  ['dataSource or dataSourceClassName or jdbcUrl is required', 'dataSource'],
  ['Driver does not support get/set network timeout', 'networkTimeout'],
  ['A validationTimeout ', 'validationTimeout'],
  ['Failed to set query timeout', 'queryTimeout'],
  ['Failed to set login timeout', 'loginTimeout'],
  ['Default transaction isolation level detection failed', 'transactionIsolation'],
  ['No connection wait timeout is set', 'connectionTimeout'],
  ['with username and password is not supported', 'username'],
];

function configWarning(t: string): Result {
  const { pool, rest } = afterPool(t);
  for (const [phrase, setting] of CONFIG_PHRASES) if (rest.includes(phrase)) return out('hikari.config-warning', { pool, setting, text: rest });
  const sp = rest.indexOf(' ');
  if (sp > 0) {
    const word = rest.slice(0, sp);
    if (SETTINGS.has(word) && /^(?:is |has been |cannot |must )/.test(rest.slice(sp + 1))) return out('hikari.config-warning', { pool, setting: word, text: rest });
  }
  return null;
}

/** `minimumIdle.....................5`: HikariConfig pads the property name with dots to 32 characters. */
function configDump(t: string): Result {
  const m = /^([A-Za-z][A-Za-z0-9]*)(\.{2,})(.*)$/.exec(t);
  if (!m || m[1]!.length + m[2]!.length !== 32) return null;
  let value = m[3]!;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return out('hikari.config', { key: m[1]!, value });
}

const LIFECYCLE: Record<string, HikariKind> = {
  'Starting...': 'hikari.start',
  'is starting.': 'hikari.start',
  'Started.': 'hikari.start', // 2.5: logged before the pool is built
  'Start completed.': 'hikari.start-completed',
  'Shutdown initiated...': 'hikari.shutdown',
  'Close initiated...': 'hikari.shutdown',
  'Shutdown completed.': 'hikari.shutdown-completed',
  'Closed.': 'hikari.shutdown-completed',
};

function lifecycle(t: string): Result {
  const { pool, rest } = afterPool(t);
  const k = LIFECYCLE[rest];
  if (k && pool) return { kind: k, fields: { pool } };
  // 2.0–2.3: `HikariCP pool {pool} is starting.`, `HikariCP pool {pool} is shutting down.`, `Hikari pool {pool} is shutting down.`
  const m = /^(?:HikariCP|Hikari) pool (.+?) (is starting\.|is shutting down\.)$/.exec(t.trim());
  if (m) return { kind: m[2] === 'is starting.' ? 'hikari.start' : 'hikari.shutdown', fields: { pool: m[1] } };
  return null;
}

function driver(t: string): Result {
  let m = /Loaded driver with class name (\S+) for jdbcUrl=(\S*)/.exec(t);
  if (m) return out('hikari.driver', { driverClass: m[1], jdbcUrl: m[2], text: t });
  m = /(?:Driver class|Failed to load driver class|Failed to create instance of driver class) ([\w$.]+)/.exec(t);
  if (m) return out('hikari.driver', { driverClass: m[1], text: t });
  m = /Registered driver with driverClassName=([\w$.]+)/.exec(t);
  if (m) return out('hikari.driver', { driverClass: m[1], text: t });
  return null;
}

/** Family anchors in rough order of frequency; each function re-checks its own wording. */
function fromMessage(t: string, cont: readonly string[], hikariLogger: boolean): Result {
  let i: number;
  if (t.includes('stats')) {
    const r = stats(t);
    if (r) return r;
  }
  if ((i = t.indexOf('Fill pool skipped')) >= 0) {
    const q = /queueDepth=(\d+)/.exec(t);
    return out('hikari.fill-skipped', { pool: poolBefore(t, i), queueDepth: int(q?.[1]) });
  }
  if ((i = t.indexOf('Closing connection ')) >= 0) return closing(t, i);
  if ((i = t.indexOf('Added connection ')) >= 0 && (hikariLogger || poolBefore(t, i))) {
    return out('hikari.added', { pool: poolBefore(t, i), connection: t.slice(i + 17).trim() });
  }
  if ((i = t.indexOf('Add connection elided')) >= 0) {
    const m = /waiting[ =](\d+), (?:queue |adders pending\/running=)(\d+)/.exec(t.slice(i));
    if (m) return out('hikari.add-elided', { pool: poolBefore(t, i), waiting: Number(m[1]), queue: Number(m[2]) });
  }
  if ((i = t.indexOf('keepalive: connection ')) >= 0) {
    const m = /^keepalive: connection (.*) is alive/.exec(t.slice(i));
    if (m) return out('hikari.keepalive', { pool: poolBefore(t, i), connection: m[1]! });
  }
  if ((i = t.indexOf('Thread starvation or clock leap detected')) >= 0) return starvation(t, i);
  if ((i = t.indexOf('Retrograde clock change detected')) >= 0) return retrograde(t, i);
  if ((i = t.indexOf('Unusual system clock change detected')) >= 0) return out('hikari.clock-change', { pool: poolBefore(t, i) });
  const to = timeout(t);
  if (to) return to;
  const v = validation(t);
  if (v) return v;
  if ((i = t.indexOf(' marked as broken because of ')) >= 0) {
    const r = broken(t, i);
    if (r) return r;
  }
  if ((i = t.indexOf('Connection leak detection triggered')) >= 0) return leak(t, i, cont);
  if ((i = t.indexOf('Apparent connection leak detected')) >= 0) {
    return out('hikari.leak', { frame: borrowingFrame(cont, 0) ?? undefined });
  }
  if ((i = t.indexOf('Previously reported leaked connection ')) >= 0) {
    const r = unleaked(t, i);
    if (r) return r;
  }
  if ((i = t.indexOf('Exception during pool initialization')) >= 0) return out('hikari.init-failed', { pool: poolBefore(t, i) });
  if ((i = t.indexOf('Failed to initialize pool: ')) >= 0) {
    return out('hikari.init-failed', { reason: t.slice(i + 27).trim() || undefined });
  }
  if (!hikariLogger) return null;

  // Wordings other code could print too: only from HikariCP's own loggers (or when none is known).
  if ((i = t.indexOf('Connection add failed, sleeping with backoff: ')) >= 0) {
    return out('hikari.connect-failed', { pool: poolBefore(t, i), backoffMs: int(/^(\d+)/.exec(t.slice(i + 46))?.[1]) });
  }
  for (const w of ['Cannot acquire connection from data source', 'Error thrown while acquiring connection from data source']) {
    if ((i = t.indexOf(w)) >= 0) return out('hikari.connect-failed', { pool: poolBefore(t, i) });
  }
  if ((i = t.indexOf('Failed to create/setup connection')) >= 0) {
    const reason = t.slice(i + 33).replace(/^:\s*/, '').trim();
    return out('hikari.connect-failed', { pool: poolBefore(t, i), reason: reason || undefined });
  }
  if ((i = t.indexOf('Interrupted during ')) >= 0) {
    return out('hikari.interrupted', { pool: poolBefore(t, i), during: t.slice(i + 19).trim() });
  }
  if ((i = t.indexOf('Failed to execute')) >= 0 && t.includes('connection test query')) {
    const m = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)\.?\s*$/.exec(t);
    return out('hikari.test-query-failed', { pool: poolBefore(t, i), reason: m?.[1], isValid: t.includes('isValid()') });
  }
  if ((i = t.indexOf('Reset (')) >= 0) {
    const m = /^Reset \(([^)]*)\) on connection (.*)$/.exec(t.slice(i).trim());
    if (m) return out('hikari.reset', { pool: poolBefore(t, i), connection: m[2]!, states: m[1]!.split(/,\s*/) });
  }
  if ((i = t.indexOf('Executed rollback on connection ')) >= 0) {
    const m = /^Executed rollback on connection (.*?) due to dirty commit state/.exec(t.slice(i));
    if (m) return out('hikari.rollback', { pool: poolBefore(t, i), connection: m[1]! });
  }
  if (t.includes('Unexpected exception in housekeeping task')) return out('hikari.housekeeper-error', {});
  if ((i = t.indexOf('JMX name (')) >= 0 || (i = t.indexOf('management beans')) >= 0) {
    const p = t.indexOf(' - ');
    return out('hikari.jmx', { pool: p > 0 ? poolBefore(t, p + 3) : undefined, text: afterPool(t).rest });
  }
  const d = driver(t);
  if (d) return d;
  if (t.endsWith('configuration:')) {
    const m = /^(?:HikariCP pool (.+?) configuration:|(.+?) - configuration:)$/.exec(t.trim());
    if (m) return out('hikari.config-header', { pool: m[1] ?? m[2] });
  }
  if (t.includes('..')) {
    const c = configDump(t.trim());
    if (c) return c;
  }
  const lc = lifecycle(t);
  if (lc) return lc;
  return configWarning(t);
}

/** Timeout / leak / init failure carried by an exception line of the stack (`Caused by: …` included). */
function fromContinuation(cont: readonly string[]): Result {
  for (let k = 0; k < cont.length; k++) {
    const line = cont[k]!;
    let j = 0;
    while (j < line.length && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
    if (line.startsWith('at ', j) || line.startsWith('...', j) || j === line.length) continue;
    const to = timeout(line);
    if (to) return to;
    if (line.includes('Apparent connection leak detected')) return out('hikari.leak', { frame: borrowingFrame(cont, k + 1) ?? undefined });
    const i = line.indexOf('Failed to initialize pool: ');
    if (i >= 0) return out('hikari.init-failed', { reason: line.slice(i + 27).trim() || undefined });
  }
  return null;
}

function clean(fields: object): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f[k] = v;
  return f;
}

/**
 * The HikariCP kind and fields of a record (its first-line message plus folded continuation
 * lines), or null when it is not a HikariCP message.
 */
export function classifyHikari(message: string, continuation: readonly string[], hint: ClassifyHint = {}): HikariClassification | null {
  const logger = hint.logger;
  const hikariLogger = logger === undefined ? ANY.test(message) : isHikariLogger(logger);
  let r: Result = null;
  if (hikariLogger || STRONG.test(message)) r = fromMessage(message, continuation, hikariLogger);
  if (continuation.length > 0) {
    if (r === null) r = fromContinuation(continuation);
    else if (r.kind === 'hikari.stats' && (r.fields as HikariKindFields['hikari.stats']).phase === 'Timeout failure') {
      // The timeout exception printed right under its `Timeout failure stats` line is the same event.
      const to = fromContinuation(continuation);
      if (to?.kind === 'hikari.timeout') {
        const s = r.fields as HikariKindFields['hikari.stats'];
        const t = to.fields as HikariKindFields['hikari.timeout'];
        r = out('hikari.timeout', { ...t, pool: t.pool ?? s.pool, total: s.total, active: s.active, idle: s.idle, waiting: s.waiting });
      }
    }
  }
  return r ? { kind: r.kind, fields: clean(r.fields) } : null;
}
