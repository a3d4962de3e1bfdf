import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSearchIndex } from '../search/job';
import { buildIncidentDb, type IncidentDb } from '../search/testing/incident-bundle';
import { migrate } from '../store/migrate';
import { schema, liveTables, tableColumns } from './schema';
import { SCHEMA_DOCS } from './schema-docs';
import { BEGIN, END, renderSchemaReference } from './schema-markdown';

const DOC = fileURLToPath(new URL('../../docs/SCHEMA.md', import.meta.url));

describe('schema documentation', () => {
  it('describes exactly the tables and columns of a freshly migrated database', () => {
    const db = new Database(':memory:');
    migrate(db);
    const live = Object.fromEntries(liveTables(db).map((t) => [t, tableColumns(db, t).map((c) => c.name)]));
    const documented = Object.fromEntries(SCHEMA_DOCS.map((t) => [t.name, t.columns.map(([c]) => c)]));
    expect(documented).toEqual(live);
    for (const t of SCHEMA_DOCS) {
      expect(t.description, t.name).not.toBe('');
      for (const [c, about] of t.columns) expect(about, `${t.name}.${c}`).not.toBe('');
    }
  });

  it('docs/SCHEMA.md carries the same reference (regenerate: npx tsx engine/sql/write-schema-doc.ts)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const section = doc.slice(doc.indexOf(BEGIN) + BEGIN.length, doc.indexOf(END)).trim();
    expect(section).toBe(renderSchemaReference().trim());
  });
});

describe('schema(store)', () => {
  let db: IncidentDb;
  beforeAll(async () => {
    db = await buildIncidentDb();
    await startSearchIndex(db.dbPath, db.bundleId).done;
  });
  afterAll(() => db.cleanup());

  it('lists tables with SQLite types and descriptions, the bundle search table included, FTS storage tables not', () => {
    const tables = schema(db.store);
    const events = tables.find((t) => t.name === 'events')!;
    expect(events.columns.find((c) => c.name === 'ts')).toEqual({ name: 'ts', type: 'INTEGER', notNull: false, primaryKey: false, description: expect.stringMatching(/UTC ms/) });
    expect(events.columns.find((c) => c.name === 'id')).toMatchObject({ primaryKey: true });
    const fts = tables.find((t) => t.name === `search_fts_${db.bundleId}`)!;
    expect(fts.description).toMatch(/MATCH/);
    expect(fts.columns.map((c) => c.name)).toEqual(['message', 'file_id', 'ts', 'level', 'kind', 'line', 'end_line']);
    expect(tables.some((t) => /^search_fts_\d+_/.test(t.name) || t.name.startsWith('sqlite_'))).toBe(false);
    expect(tables[0]!.name).toBe('bundles'); // documented order: from bundles down to the details
    // The console's views over ordinary lines, for its help and completion.
    expect(tables.slice(-2).map((t) => [t.name, t.columns.length > 5])).toEqual([['event_lines', true], ['all_events', true]]);
  });
});
