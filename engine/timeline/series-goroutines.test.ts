/**
 * Goroutine series and signatures over real dumps of one Go 1.19 service
 * (parsers/goroutine/__fixtures__, made by make-fixtures.sh): pprof ?debug=1 and ?debug=2 fetched
 * together three times while 6, 23, then 48 goroutines sat blocked in a channel send (and 5 workers
 * labelled with pprof.Do waited on a queue), a SIGQUIT trace in its stderr and one in a Docker json-file log.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBundle } from '../api/analyze';
import type { Store } from '../store';
import { listSeries, seriesData } from '.';

const FIXTURES = fileURLToPath(new URL('../../parsers/goroutine/__fixtures__/', import.meta.url));
const PAIRS = ['20261207T163642Z', '20261207T163647Z', '20261207T163653Z'];
const at = (m: number, s: number) => Date.UTC(2026, 11, 7, 16, m, s);

describe('goroutine series of real pprof pairs and SIGQUIT traces', () => {
  let store: Store;
  let bundleId: number;
  const home = mkdtempSync(join(tmpdir(), 'rl-goroutines-'));
  beforeAll(async () => {
    const bundle = join(home, 'bundle');
    mkdirSync(join(bundle, 'dumps'), { recursive: true });
    mkdirSync(join(bundle, 'logs'), { recursive: true });
    for (const s of PAIRS) for (const f of ['debug1', 'debug2']) copyFileSync(join(FIXTURES, `pprof-${s}-${f}.txt`), join(bundle, 'dumps', `pprof-${s}-${f}.txt`));
    for (const f of ['stderr-sigquit.log', 'docker-json-sigquit.log']) copyFileSync(join(FIXTURES, f), join(bundle, 'logs', f));
    const p = await prepareBundle(bundle, { db: join(home, 'g.sqlite') });
    [store, bundleId] = [p.store, p.bundleId];
  });
  afterAll(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  const series = () => listSeries(store, bundleId).filter((s) => s.group === 'goroutines');
  const values = (id: string) => seriesData(store, bundleId, id).points.map((p) => [p.ts, p.value]);

  it('counts a debug=1 and a debug=2 dump taken at the same instant as one point, with the debug=1 groups counted', () => {
    const total = series().find((s) => s.label === 'Goroutines (pid 24685 on vm)')!;
    // debug=1 / debug=2 totals 15 / 16, 32 / 32, 71 / 71: the debug=2 dump, which prints states and creators, stands for the instant.
    expect(values(total.id)).toEqual([[at(36, 42), 16], [at(36, 47), 32], [at(36, 53), 71]]);
    const publish = series().find((s) => s.label.startsWith('Goroutines in main.(*broker).publish [chan send], created by main.main.func1 (pid 24685'))!;
    expect(values(publish.id)).toEqual([[at(36, 42), 6], [at(36, 47), 23], [at(36, 53), 48]]);
    const add = series().find((s) => s.label.startsWith('Goroutines in main.(*ledger).add [semacquire], created by main.main.func2 (pid 24685'))!;
    expect(values(add.id).map(([, v]) => v)).toEqual([0, 0, 4]);
    // The pprof.Do workers: two label sets in debug=1, one group.
    const take = series().find((s) => s.label.startsWith('Goroutines in main.(*queue).take [chan receive], created by main.main.func4.1 (pid 24685'))!;
    expect(values(take.id).map(([, v]) => v)).toEqual([5, 5, 5]);
    // No series of this process has more points than there were capture instants.
    for (const s of series().filter((x) => x.label.includes('pid 24685'))) expect(s.points).toBe(3);
  });

  it('reports the climb once, from the top user frame, with its creator', () => {
    const rows = store.db
      .prepare<[number], { title: string; data: string }>("SELECT title, data FROM findings WHERE bundle_id = ? AND signature = 'goroutine-growth'")
      .all(bundleId);
    const publish = rows.filter((r) => r.title.includes('main.(*broker).publish'));
    expect(publish).toHaveLength(1);
    expect(publish[0]!.title).toBe('Goroutines in main.(*broker).publish grew 6 → 48');
    expect(JSON.parse(publish[0]!.data)).toMatchObject({ counts: [6, 23, 48], state: 'chan send' });
    expect(JSON.parse(publish[0]!.data).createdBy).toMatch(/^main\.main\.func1 /);
  });

  it('stores the SIGQUIT traces found in logs as goroutine dumps, registers included, and their log lines as events', () => {
    const snaps = store.db
      .prepare<[number, string], { path: string; kind: string; captured_at: number; time_source: string; line: number; end_line: number }>(
        'SELECT f.path, s.kind, s.captured_at, s.time_source, s.line, s.end_line FROM snapshots s JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ? AND f.path LIKE ? ORDER BY f.path',
      )
      .all(bundleId, 'logs/%');
    expect(snaps).toEqual([
      { path: 'logs/docker-json-sigquit.log', kind: 'goroutine', captured_at: Date.parse('2026-12-07T16:38:22.542Z'), time_source: 'tool', line: 4, end_line: 287 },
      { path: 'logs/stderr-sigquit.log', kind: 'goroutine', captured_at: at(38, 19), time_source: 'log', line: 12, end_line: 2387 },
    ]);
    const regs = store.db
      .prepare<[number], { value: string }>(
        "SELECT x.value FROM snapshot_facts x JOIN snapshots s ON s.id = x.snapshot_id JOIN files f ON f.id = s.file_id WHERE f.bundle_id = ? AND x.name = 'registers' ORDER BY f.path",
      )
      .all(bundleId);
    expect(regs.map((r) => JSON.parse(r.value).rip)).toEqual(['0x46b681', '0x46b681']);
    const files = store.db
      .prepare<[number], { path: string; records: number; skipped: number }>("SELECT path, records, skipped FROM files WHERE bundle_id = ? AND path LIKE 'logs/%' ORDER BY path")
      .all(bundleId);
    // Log records plus the dump (its snapshot record and the dump itself); nothing left unread.
    expect(files).toEqual([
      { path: 'logs/docker-json-sigquit.log', records: 7, skipped: 0 },
      { path: 'logs/stderr-sigquit.log', records: 15, skipped: 0 },
    ]);
    const events = store.db
      .prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM events e JOIN files f ON f.id = e.file_id WHERE f.bundle_id = ? AND f.path LIKE 'logs/%'")
      .get(bundleId)!;
    expect(events.n).toBe(18);
  });
});
