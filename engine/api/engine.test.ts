import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RootlineEngine, type IngestResult } from './engine';
import { RootlineError } from './errors';

const INCIDENT3 = 'samples/incident-3-hikari-starvation/bundle';
const engines: RootlineEngine[] = [];
function engine() {
  const e = new RootlineEngine({ home: mkdtempSync(join(tmpdir(), 'rl-engine-')) });
  engines.push(e);
  return e;
}
afterEach(() => engines.splice(0).forEach((e) => e.close()));

async function ingest(e: RootlineEngine, force = false): Promise<string> {
  const job = await e.ingest({ path: INCIDENT3, force });
  const end = await e.waitJob(job.id);
  expect(end.status, JSON.stringify(end.error)).toBe('done');
  return (end.result as IngestResult).bundle;
}

describe('RootlineEngine', () => {
  it('ingests as a job with progress, then answers overview, guide and file lines', async () => {
    const e = engine();
    const progress: string[] = [];
    e.onJob((s) => s.progress && progress.push((s.progress as { phase: string }).phase));
    const ref = await ingest(e);
    expect(progress).toContain('reading');
    expect(progress).toContain('done');
    expect((await e.recentBundles()).map((b) => b.ref)).toEqual([ref]);
    const o = await e.overview(ref);
    expect(o.rootCauses[0]!.cause).toBe('process-starvation');
    const g = await e.guide(ref);
    expect(g.conclusion?.id).toBe('process-starvation');
    const ev = o.rootCauses[0]!.evidence[0]!;
    const file = o.files.find((f) => f.path === ev.file)!;
    const lines = await e.fileLines(ref, file.id, ev.line - 1, ev.line + 1);
    expect(lines.lines.map((l) => l.line)).toEqual([ev.line - 1, ev.line, ev.line + 1]);
    expect(lines.lines[1]!.text.startsWith(ev.excerpt.split('\n')[0]!)).toBe(true);
    expect(lines.evidenceLines).toContain(ev.line);
  });

  it('keeps annotations across a forced re-ingest and rejects bad ones with a typed error', async () => {
    const e = engine();
    const ref = await ingest(e);
    const o = await e.overview(ref);
    const ev = o.rootCauses[0]!.evidence[0]!;
    const a = await e.addAnnotation(ref, { marker: 'key', text: 'JVM frozen here', ts: ev.ts ?? undefined, filePath: ev.file, line: ev.line });
    await ingest(e, true);
    expect((await e.annotations(ref)).map((x) => x.text)).toEqual(['JVM frozen here']);
    // … and it is in the postmortem's timeline table, with its marker.
    const { markdown } = await e.exportPostmortem(ref);
    const table = markdown.slice(markdown.indexOf('| Time (UTC) |'));
    expect(table.split('\n').find((l) => l.includes('JVM frozen here'))).toMatch(/\| Key moment \|/);
    const file = (await e.overview(ref)).files.find((f) => f.path === ev.file)!;
    expect((await e.fileLines(ref, file.id, ev.line, ev.line)).annotations.map((x) => x.id)).toEqual([a.id]);
    await expect(e.addAnnotation(ref, { marker: 'note', text: '' , ts: 1 })).rejects.toMatchObject({ code: 'bad-option' });
    await expect(e.updateAnnotation(ref, 9999, { text: 'x' })).rejects.toBeInstanceOf(RootlineError);
    expect(await e.deleteAnnotation(ref, a.id)).toEqual({ deleted: true });
  });

  it('reports a failed ingest as a job error, not a crash, and refuses unknown bundles', async () => {
    const e = engine();
    const job = await e.ingest({ path: '/no/such/bundle' });
    const end = await e.waitJob(job.id);
    expect(end.status).toBe('failed');
    expect(end.error).toMatchObject({ code: 'not-found' });
    await expect(e.overview('deadbeef')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('RootlineEngine SQL console', () => {
  it('answers read-only queries over the documented schema and refuses writes with a typed error', async () => {
    const e = engine();
    const ref = await ingest(e);
    const r = await e.sql(ref, "SELECT kind, COUNT(*) AS n FROM events WHERE kind LIKE 'hikari.%' GROUP BY kind ORDER BY n DESC", { rowCap: 3 });
    expect(r.columns).toEqual(['kind', 'n']);
    expect(r.rows.length).toBe(3);
    expect(r.truncated).toBe(true);
    await expect(e.sql(ref, 'DELETE FROM events')).rejects.toMatchObject({ code: 'not-read-only' });
    await expect(e.sql(ref, 'SELEC 1')).rejects.toMatchObject({ code: 'syntax' });
    const s = await e.sqlSchema(ref);
    expect(s.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['events', 'files', 'findings', 'annotations']));
  });
});
