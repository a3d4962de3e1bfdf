/**
 * `schema(store)`: the tables and columns of the database with their types (from SQLite) and
 * one-line descriptions (from schema-docs.ts), for the console's help and autocompletion.
 */
import type { Store } from '../store';
import type { DB } from '../store/open';
import { LINE_TABLE_DOCS, SCHEMA_DOCS, SEARCH_TABLE_DOC } from './schema-docs';

export interface SchemaColumn {
  name: string;
  /** Declared type (INTEGER, TEXT, REAL; '' for FTS columns). */
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  description: string;
}

export interface SchemaTable {
  name: string;
  description: string;
  columns: SchemaColumn[];
}

const FTS_TABLE = /^search_fts_\d+$/;
/** SQLite's own tables and the storage tables behind FTS5 tables are not for querying. */
const INTERNAL = /^sqlite_|^search_fts_\d+_(data|idx|content|docsize|config)$/;

interface PragmaColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

export function tableColumns(db: DB, table: string): PragmaColumn[] {
  return db.prepare<[string], PragmaColumn>('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all(table);
}

export function liveTables(db: DB): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !INTERNAL.test(n));
}

export function describeTables(db: DB): SchemaTable[] {
  const docs = new Map(SCHEMA_DOCS.map((t, i) => [t.name, { doc: t, order: i }]));
  const names = liveTables(db).sort((a, b) => (docs.get(a)?.order ?? Infinity) - (docs.get(b)?.order ?? Infinity) || a.localeCompare(b, 'en'));
  return names.map((name) => {
    const doc = docs.get(name)?.doc ?? (FTS_TABLE.test(name) ? SEARCH_TABLE_DOC : undefined);
    const about = new Map(doc?.columns ?? []);
    return {
      name,
      description: doc?.description ?? '',
      columns: tableColumns(db, name).map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1, primaryKey: c.pk > 0, description: about.get(c.name) ?? '' })),
    };
  });
}

/** The tables, then what the console adds over ordinary lines (engine/sql/line-tables.mjs): `event_lines`, `all_events`. */
export function schema(store: Store): SchemaTable[] {
  const tables = describeTables(store.db);
  const events = tables.find((t) => t.name === 'events');
  if (!events || !tables.some((t) => t.name === 'line_blocks')) return tables;
  const console: SchemaTable[] = LINE_TABLE_DOCS.filter((d) => !d.name.includes('(')).map((d) => ({
    name: d.name,
    description: d.description,
    columns:
      d.columns.length > 0
        ? d.columns.map(([name, description]) => ({ name, type: '', notNull: false, primaryKey: false, description }))
        : events.columns.map((c) => ({ ...c, primaryKey: false })),
  }));
  return [...tables, ...console];
}
