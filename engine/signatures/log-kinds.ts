/**
 * Typed message ids the log parsers assign. Signatures refer to them through this one table, which
 * takes them from the parsers' own constants, so a renamed kind fails to compile instead of silently
 * matching nothing.
 */
import type { HikariKind } from '../../parsers/hikari/kinds';
import { PINO_KINDS } from '../../parsers/pino';
import { GENERIC_KINDS } from '../../parsers/textlog';

const hikari = <K extends HikariKind>(k: K): K => k;

export const LOG_KINDS = {
  hikariStarvation: hikari('hikari.starvation'),
  hikariTimeout: hikari('hikari.timeout'),
  hikariStats: hikari('hikari.stats'),
  hikariLeak: hikari('hikari.leak'),
  hikariUnleaked: hikari('hikari.unleaked'),
  hikariBroken: hikari('hikari.broken'),
  hikariValidation: hikari('hikari.validation-failed'),
  hikariConfig: hikari('hikari.config'),
  /** parsers/javalog/jdbc.ts */
  jdbcSqlError: 'jdbc.sql-error',
  httpRequest: PINO_KINDS.httpRequest,
  nodeError: PINO_KINDS.nodeError,
  nodeCrash: PINO_KINDS.nodeCrash,
  netError: GENERIC_KINDS.netError,
  goPanic: GENERIC_KINDS.goPanic,
  pgTooManyClients: GENERIC_KINDS.pgTooManyClients,
  pgConnectionReceived: GENERIC_KINDS.pgConnectionReceived,
  pgConnectionAuthorized: GENERIC_KINDS.pgConnectionAuthorized,
  pgDisconnection: GENERIC_KINDS.pgDisconnection,
  pgIdleSessionTimeout: GENERIC_KINDS.pgIdleSessionTimeout,
  pgIdleInTransactionTimeout: GENERIC_KINDS.pgIdleInTransactionTimeout,
  pgShutdown: GENERIC_KINDS.pgShutdown,
  pgStatementTimeout: GENERIC_KINDS.pgStatementTimeout,
  pgLockTimeout: GENERIC_KINDS.pgLockTimeout,
  pgLockWait: GENERIC_KINDS.pgLockWait,
  pgSlowStatement: GENERIC_KINDS.pgSlowStatement,
  pgNotReady: GENERIC_KINDS.pgNotReady,
  pgBackendCrash: GENERIC_KINDS.pgBackendCrash,
} as const;
