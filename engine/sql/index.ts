/** The read-only SQL console: run a query, export it as CSV, describe the schema. */
export { runSql, MAX_ROW_CAP, type RunSqlOptions, type SqlResult, type SqlRows, type SqlFailure, type SqlErrorCode } from './run-sql';
export { toCsv, type CsvOptions } from './csv';
export { schema, type SchemaTable, type SchemaColumn } from './schema';
export { guardSql, type GuardVerdict } from './guard';
