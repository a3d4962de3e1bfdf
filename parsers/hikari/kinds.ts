/**
 * Typed HikariCP messages: one kind id per message family, with the fields the classifier fills.
 * Wordings are taken from HikariCP's own sources (HikariPool, PoolBase, ProxyLeakTask,
 * ProxyConnection, HikariConfig, HikariDataSource, DriverDataSource) from 1.x to 6.x; see
 * classify.test.ts for the exact strings per version. The pool name is kept wherever it is printed
 * (one log often holds several pools).
 */

/** One exception as `type: message` (the record's own, or a `Caused by:`). */
export interface ExceptionInfo {
  type: string;
  message?: string;
}

/** Pool statistics as printed by `logPoolState` (2.x `inUse`/`avail` mapped to active/idle). */
export interface PoolCounts {
  total: number;
  active: number;
  idle: number;
  waiting: number;
}

export interface HikariKindFields {
  /** `{pool} - Thread starvation or clock leap detected (housekeeper delta=1m13s50ms…).` */
  'hikari.starvation': { pool?: string; deltaMs?: number; deltaText: string; swappedArgs?: boolean };
  /** `{pool} - Retrograde clock change detected (housekeeper delta=…), soft-evicting connections from pool.` */
  'hikari.retrograde-clock': { pool?: string; deltaMs?: number; deltaText: string };
  /** 2.3–2.4: `Unusual system clock change detected, soft-evicting connections from pool.` (no delta printed). */
  'hikari.clock-change': { pool?: string };
  /**
   * `{pool} - Connection is not available, request timed out after 30001ms[ (total=…, active=…, idle=…, waiting=…)].`
   * and 2.x `Timeout after 30000ms of waiting for a connection.`; also when wrapped in another exception
   * (`exceptionType` is the exception that carried the text, `wrappedBy` the outer one).
   */
  'hikari.timeout': {
    pool?: string;
    timeoutMs: number;
    total?: number;
    active?: number;
    idle?: number;
    waiting?: number;
    exceptionType?: string;
    wrappedBy?: string;
  };
  /** `{pool} - {phase }stats (total=…)`; 2.x `{phase }pool stats {pool} (total=…, inUse=…, avail=…, waiting=…)`. */
  'hikari.stats': { pool?: string; phase: string } & PoolCounts;
  /**
   * `Connection leak detection triggered for {conn} on thread {thread}, stack trace follows` plus the
   * `java.lang.Exception: Apparent connection leak detected` stack; `frame` is the borrowing application frame.
   */
  'hikari.leak': { pool?: string; connection?: string; thread?: string; frame?: string };
  /** `Previously reported leaked connection {conn} on thread {thread} was returned to the pool (unleaked)`. */
  'hikari.unleaked': { connection: string; thread?: string };
  /** `{pool} - Connection {conn} marked as broken because of SQLSTATE(08S01), ErrorCode(0)`. */
  'hikari.broken': { pool?: string; connection: string; sqlState?: string; errorCode?: number; reason?: string };
  /**
   * `{pool} - Failed to validate connection {conn} ({reason}). Possibly consider using a shorter maxLifetime value.`
   * and 2.x `{pool} - Connection {conn} failed alive test with exception {reason}`.
   */
  'hikari.validation-failed': { pool?: string; connection: string; reason?: string; maxLifetimeHint: boolean };
  /** `{pool} - Closing connection {conn}: (connection has passed maxLifetime)`; 2.x `Closing connection {conn} in pool {pool} (reason)`. */
  'hikari.closing': { pool?: string; connection: string; reason?: string };
  /** `{pool} - Closing connection {conn} failed`. */
  'hikari.close-failed': { pool?: string; connection: string };
  /** `{pool} - Fill pool skipped, pool is at sufficient level.` / `… has sufficient level or currently being filled (queueDepth=0).` */
  'hikari.fill-skipped': { pool?: string; queueDepth?: number };
  /** `{pool} - Add connection elided, waiting 47, queue 50` (6.x: `waiting=…, adders pending/running=…`). */
  'hikari.add-elided': { pool?: string; waiting: number; queue: number };
  /** `{pool} - Added connection {conn}`. */
  'hikari.added': { pool?: string; connection: string };
  /** `{pool} - keepalive: connection {conn} is alive`. */
  'hikari.keepalive': { pool?: string; connection: string };
  /** HikariConfig/PoolBase warnings about a setting (`idleTimeout is close to or more than maxLifetime, disabling it.` …). */
  'hikari.config-warning': { pool?: string; setting: string; text: string };
  /** `{pool} - configuration:` / `HikariCP pool {pool} configuration:`: the DEBUG dump follows. */
  'hikari.config-header': { pool?: string };
  /**
   * One DEBUG dump line `maximumPoolSize................10` (values unquoted). The line does not print
   * the pool; the Java parser adds `pool` from the `configuration:` line above it.
   */
  'hikari.config': { key: string; value: string; pool?: string };
  /** `{pool} - Starting...`; 2.x `HikariCP pool {pool} is starting.`, `{pool} - is starting.`, 2.5 `{pool} - Started.` */
  'hikari.start': { pool?: string };
  /** `{pool} - Start completed.` (3.x+). */
  'hikari.start-completed': { pool?: string };
  /** `{pool} - Shutdown initiated...`; 2.x `HikariCP pool {pool} is shutting down.`, `Hikari pool {pool} is shutting down.`, 2.5 `{pool} - Close initiated...` */
  'hikari.shutdown': { pool?: string };
  /** `{pool} - Shutdown completed.` / 2.x `{pool} - Closed.` */
  'hikari.shutdown-completed': { pool?: string };
  /** `{pool} - Exception during pool initialization.` and `PoolInitializationException: Failed to initialize pool: …`. */
  'hikari.init-failed': { pool?: string; reason?: string };
  /** Creating a connection failed: `Cannot acquire connection from data source`, `Error thrown while acquiring…`, `Failed to create/setup connection: …`, `Connection add failed, sleeping with backoff: 20ms`. */
  'hikari.connect-failed': { pool?: string; reason?: string; backoffMs?: number };
  /** `{pool} - Interrupted during connection acquisition` / `Interrupted during closing`. */
  'hikari.interrupted': { pool?: string; during: string };
  /** `{pool} - Failed to execute isValid() for connection, configure connection test query ({reason}).` */
  'hikari.test-query-failed': { pool?: string; reason?: string; isValid: boolean };
  /** `{pool} - Reset (autoCommit, isolation) on connection {conn}`. */
  'hikari.reset': { pool?: string; connection: string; states: string[] };
  /** `{pool} - Executed rollback on connection {conn} due to dirty commit state on close().` */
  'hikari.rollback': { pool?: string; connection: string };
  /** `Unexpected exception in housekeeping task`. */
  'hikari.housekeeper-error': Record<string, never>;
  /** DriverDataSource: `Loaded driver with class name {driver} for jdbcUrl={url}`, `Driver class {driver} found in …`. */
  'hikari.driver': { driverClass?: string; jdbcUrl?: string; text: string };
  /** `{pool} - JMX name ({name}) is already registered.` / `Failed to register management beans.` */
  'hikari.jmx': { pool?: string; text: string };
}

export type HikariKind = keyof HikariKindFields;

/** Every kind id the classifier can return, for the engine and the docs. */
export const HIKARI_KINDS = [
  'hikari.starvation',
  'hikari.retrograde-clock',
  'hikari.clock-change',
  'hikari.timeout',
  'hikari.stats',
  'hikari.leak',
  'hikari.unleaked',
  'hikari.broken',
  'hikari.validation-failed',
  'hikari.closing',
  'hikari.close-failed',
  'hikari.fill-skipped',
  'hikari.add-elided',
  'hikari.added',
  'hikari.keepalive',
  'hikari.config-warning',
  'hikari.config-header',
  'hikari.config',
  'hikari.start',
  'hikari.start-completed',
  'hikari.shutdown',
  'hikari.shutdown-completed',
  'hikari.init-failed',
  'hikari.connect-failed',
  'hikari.interrupted',
  'hikari.test-query-failed',
  'hikari.reset',
  'hikari.rollback',
  'hikari.housekeeper-error',
  'hikari.driver',
  'hikari.jmx',
] as const satisfies readonly HikariKind[];

/** A classified message: the discriminated union over every kind. */
export type HikariMessage = { [K in HikariKind]: { kind: K; fields: HikariKindFields[K] } }[HikariKind];

/** Compile-time check that HIKARI_KINDS lists every kind of the union. */
type MissingKinds = Exclude<HikariKind, (typeof HIKARI_KINDS)[number]>;
export const ALL_KINDS_LISTED: [MissingKinds] extends [never] ? true : never = true;
