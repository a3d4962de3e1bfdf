/**
 * Typed message ids the log parsers assign (parsers/hikari/kinds.ts, parsers/pino). Signatures
 * refer to them through this one table.
 */
export const LOG_KINDS = {
  hikariStarvation: 'hikari.starvation',
  hikariTimeout: 'hikari.timeout',
  hikariStats: 'hikari.stats',
  hikariLeak: 'hikari.leak',
  hikariBroken: 'hikari.broken',
  hikariValidation: 'hikari.validation-failed',
  hikariConfig: 'hikari.config',
  jdbcSqlError: 'jdbc.sql-error',
  httpRequest: 'http.request',
  nodeError: 'node.error',
  nodeCrash: 'node.crash',
  netError: 'net.error',
  goPanic: 'go.panic',
  pgTooManyClients: 'postgres.too-many-clients',
  pgIdleSessionTimeout: 'postgres.idle-session-timeout',
  pgIdleInTransactionTimeout: 'postgres.idle-in-transaction-timeout',
  pgShutdown: 'postgres.shutdown',
  pgNotReady: 'postgres.not-ready',
  pgBackendCrash: 'postgres.backend-crash',
} as const;
