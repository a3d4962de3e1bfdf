/**
 * Every example query the SQL console offers runs on a real bundle database, and the ones about
 * every record see the ordinary lines kept in line_blocks too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../renderer/src/views/sql/completion';
import { runSql } from '../engine/sql/run-sql';
import { buildIncidentDb, type IncidentDb } from '../engine/search/testing/incident-bundle';
import { allEvents } from '../engine/store/testing/all-events';

let db: IncidentDb;
beforeAll(async () => {
  db = await buildIncidentDb();
});
afterAll(() => db.cleanup());

describe('the SQL console examples', () => {
  it.each(EXAMPLES.map((e) => [e.title, e.sql]))('%s runs', async (_title, sql) => {
    const r = await runSql(db.dbPath, sql);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it('count every record, rows and ordinary lines', async () => {
    const r = await runSql(db.dbPath, EXAMPLES.find((e) => e.title === 'Records per kind and level')!.sql);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.rows.reduce((n, row) => n + (row[2] as number), 0)).toBe(allEvents(db.store).length);
  });

  it('find the slowest requests among ordinary lines too', async () => {
    const r = await runSql(db.dbPath, EXAMPLES.find((e) => e.title.startsWith('Slowest requests'))!.sql);
    if (!r.ok) throw new Error(r.error.message);
    const lines = allEvents(db.store).filter((e) => e.message === null && e.kind === 'http.request');
    expect(lines.length).toBeGreaterThan(0);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row) => typeof row[2] === 'string' && (row[2] as string).length > 0)).toBe(true);
  });
});
