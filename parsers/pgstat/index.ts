/** psql captures of `pg_stat_activity`: the parser and its records. */
export { pgStatParser } from './parser';
export { sniffPgStat } from './sniff';
export type { PgBackend, PgCaptureError, PgStatRecord } from './model';
