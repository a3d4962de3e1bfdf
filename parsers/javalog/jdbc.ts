/**
 * JDBC error summaries that ORMs log before the driver's message: Hibernate's SqlExceptionHelper
 * `SQL Error: 0, SQLState: 08003` (5.x and 6.x print the same line). Typed as `jdbc.sql-error`.
 */

export interface JdbcSqlError {
  errorCode: number;
  /** Null when the driver gave none (`SQLState: null`). */
  sqlState: string | null;
}

const SQL_ERROR = /SQL Error: (-?\d{1,10}), SQLState: ([0-9A-Za-z]{1,10})/;

export function classifyJdbc(message: string): { kind: 'jdbc.sql-error'; fields: Record<string, unknown> } | null {
  if (!message.includes('SQLState')) return null;
  const m = SQL_ERROR.exec(message);
  if (!m) return null;
  const fields: JdbcSqlError = { errorCode: Number(m[1]), sqlState: m[2] === 'null' ? null : m[2]! };
  return { kind: 'jdbc.sql-error', fields: { ...fields } };
}
