/** The SQL console's calls (`api.sql`, `api.sqlSchema`), normalised for the view. */
import { api } from '../../api/client';
import { normalizeSchema, normalizeSqlAnswer, type SqlAnswer, type SqlTableInfo } from './result';

export interface SqlOptions {
  rowCap: number;
  timeLimitMs: number;
}

/** Rows of a read-only query; typed failures arrive as ApiError (`syntax`, `not-read-only`, `timeout`, `too-large`, …). */
export async function runSql(bundle: string, query: string, opts: SqlOptions): Promise<SqlAnswer> {
  return normalizeSqlAnswer(await api.sql(bundle, query, opts));
}

export async function sqlSchema(bundle: string): Promise<SqlTableInfo[]> {
  return normalizeSchema(await api.sqlSchema(bundle));
}
