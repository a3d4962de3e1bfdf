import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText } from '../../test/support/parse-fixture';
import { corpusFiles, sniffInput, unaccountedLines } from '../jmap/test-helpers';
import type { SnapshotMeta } from '../types';
import type { PgBackend, PgCaptureError, PgStatRecord } from './model';
import { pgStatParser } from './parser';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;
const backends = (rs: PgStatRecord[]) => rs.filter((r): r is PgBackend => r.type === 'pg-backend');
const snapshots = (rs: PgStatRecord[]) => rs.filter((r): r is SnapshotMeta => r.type === 'snapshot');

function local(file: string) {
  const bytes = readFileSync(LOCAL + file);
  return { ...parseBytes(pgStatParser, bytes, file), text: bytes.toString('utf8') };
}

/** The same instant's rows in every style, as (pid, app, state, wait) sorted by pid. */
const shape = (rs: PgStatRecord[]) =>
  backends(rs)
    .map((b) => [b.pid, b.applicationName, b.state, `${b.waitEventType}/${b.waitEvent}`, b.xactStart, b.query] as const)
    .sort((a, b) => a[0] - b[0]);

describe('pgStatParser on real psql output of PostgreSQL 15 (__fixtures__, made by make-fixtures.sh)', () => {
  const STYLES = [
    'styles-aligned-header.txt', 'styles-aligned-plain.txt', 'styles-expanded.txt', 'styles-expanded-header.txt', 'styles-csv.csv', 'styles-unaligned.txt',
    'styles-aligned-multiline.txt', 'styles-expanded-multiline.txt', 'styles-csv-multiline.csv', 'styles-unaligned-multiline.txt',
  ];

  it.each(STYLES)('%s: one snapshot, sniffed, every line accounted for, nothing skipped but layout', (file) => {
    const { records, skipped, text } = local(file);
    expect(snapshots(records)).toHaveLength(1);
    expect(backends(records).length).toBeGreaterThan(0);
    expect(skipped.map((s) => s.reason).filter((r) => !/^(column header|separator between|row count footer|blank line)/.test(r))).toEqual([]);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
    expect(pgStatParser.sniff({ name: file, lines: text.split('\n') })).toMatchObject({ kind: 'pg-stat-activity', confidence: 0.95 });
  });

  it('reads the same backends from aligned, expanded and unaligned output of one query, and from aligned and CSV of the other', () => {
    const plain = shape(local('styles-aligned-plain.txt').records).filter((r) => r[1] !== 'pgstat-collector');
    expect(plain).toHaveLength(11);
    expect(shape(local('styles-expanded.txt').records).filter((r) => r[1] !== 'pgstat-collector')).toEqual(plain);
    expect(shape(local('styles-unaligned.txt').records).filter((r) => r[1] !== 'pgstat-collector')).toEqual(plain);
    const withTime = shape(local('styles-aligned-header.txt').records).filter((r) => r[1] !== 'pgstat-collector');
    expect(shape(local('styles-csv.csv').records).filter((r) => r[1] !== 'pgstat-collector')).toEqual(withTime);
    expect(shape(local('styles-expanded-header.txt').records).filter((r) => r[1] !== 'pgstat-collector')).toEqual(withTime);
    expect(withTime).toEqual(plain);
    const states = plain.map((r) => `${r[1]} ${r[2]} ${r[3]}`);
    expect(states).toContain('inventory-sync idle Client/ClientRead');
    expect(states).toContain('nightly-report active Timeout/PgSleep');
    expect(states).toContain('checkout-api active Lock/transactionid');
    expect(states.filter((s) => s === 'cart-service idle in transaction Client/ClientRead')).toHaveLength(6);
  });

  it('reads every column of a row, times as UTC ms, and an empty xact_start as no transaction', () => {
    const { records } = local('styles-aligned-plain.txt');
    const idle = backends(records).find((b) => b.applicationName === 'inventory-sync')!;
    expect(idle).toMatchObject({ datname: 'shop', usename: 'shop_app', clientAddr: '127.0.0.1', state: 'idle', xactStart: null, capturedAt: null, query: 'SELECT count(*) FROM stock;' });
    expect(new Date(idle.backendStart!).toISOString()).toBe('2026-12-07T16:33:41.268Z');
    expect(idle.stateChange! - idle.queryStart!).toBeGreaterThanOrEqual(0);
  });

  it('keeps a query that spans lines whole, in every style', () => {
    for (const f of ['styles-aligned-multiline.txt', 'styles-expanded-multiline.txt', 'styles-csv-multiline.csv', 'styles-unaligned-multiline.txt']) {
      const [b] = backends(local(f).records);
      expect(b!.query, f).toBe("SELECT pg_sleep(60)\n  , 'multi-line' AS label;");
      expect(b!.endLine - b!.line, f).toBeGreaterThan(0);
    }
  });

  it('dates a capture by its now() column (tool), else by the collector header, else leaves it to the file name', () => {
    const withCol = snapshots(local('styles-aligned-header.txt').records)[0]!;
    expect(withCol).toMatchObject({ timeSource: 'tool', tq: 'explicit', host: 'vm', line: 1 });
    expect(new Date(withCol.capturedAt!).toISOString()).toMatch(/^2026-12-07T16:34:09\.\d{3}Z$/);
    expect(backends(local('styles-aligned-header.txt').records).every((b) => b.capturedAt === withCol.capturedAt)).toBe(true);
    expect(snapshots(local('styles-aligned-plain.txt').records)[0]).toMatchObject({ capturedAt: null, timeSource: null });
  });

  it("reads the Node samples' capture (now() AS captured_at … left(query, 120)) one file per capture, multi-line values included", () => {
    for (const folder of ['leak', 'lock']) {
      for (const f of readdirSync(LOCAL + folder)) {
        const { records, skipped, text } = local(`${folder}/${f}`);
        expect(snapshots(records), f).toHaveLength(1);
        expect(skipped.map((s) => s.reason).filter((r) => !/^(column header|separator between|row count footer|blank line)/.test(r)), f).toEqual([]);
        expect(unaccountedLines(text, records, skipped), f).toEqual([]);
      }
    }
    const leakCounts = readdirSync(LOCAL + 'leak').map((f) => backends(local(`leak/${f}`).records).filter((b) => b.state === 'idle in transaction').length);
    expect(leakCounts).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads appended captures in one file as one snapshot each', () => {
    const text = readdirSync(LOCAL + 'lock').map((f) => readFileSync(`${LOCAL}lock/${f}`, 'utf8')).join('');
    const { records, skipped } = parseText(pgStatParser, text);
    expect(snapshots(records)).toHaveLength(6);
    expect(snapshots(records).every((s) => s.timeSource === 'tool')).toBe(true);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
  });

  it("reads psql's \\watch output (watch-aligned.txt, make-watch-fixture.sh): one snapshot per result, timed by its title", () => {
    const { records, skipped, text } = local('watch-aligned.txt');
    expect(snapshots(records).map((s) => [s.capturedAt, s.timeSource, s.tq, s.command])).toEqual(
      [34, 35, 36, 37].map((sec) => [Date.UTC(2026, 11, 7, 16, 54, sec), 'header', 'assumed', 'psql \\watch']),
    );
    expect(backends(records).map((b) => b.applicationName)).toEqual(Array(4).fill(['inventory-sync', 'psql']).flat());
    expect(skipped.map((s) => s.reason).filter((r) => !/^(column header|separator between|row count footer|blank line)/.test(r))).toEqual([]);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
  });

  it("a capture psql could not take (the server stopped) is a snapshot holding psql's error", () => {
    const f = `down/${readdirSync(LOCAL + 'down')[0]}`;
    const { records, skipped, text } = local(f);
    expect(skipped).toEqual([]);
    expect(snapshots(records)).toHaveLength(1);
    expect(snapshots(records)[0]).toMatchObject({ timeSource: 'header', line: 1 });
    const err = records.find((r): r is PgCaptureError => r.type === 'pg-capture-error')!;
    expect(err).toMatchObject({ unreachable: true, line: 2, endLine: 4 });
    expect(err.message).toMatch(/^psql: error: connection to server at "127\.0\.0\.1", port \d+ failed: Connection refused\n/);
    expect(pgStatParser.sniff({ name: f, lines: text.split('\n') })).toMatchObject({ kind: 'pg-stat-activity', confidence: 0.6 });
  });
});

describe('pgStatParser on other input', () => {
  it('says why it skips lines it does not understand: a server log line pasted after a capture', () => {
    const table = readFileSync(LOCAL + 'styles-aligned-multiline.txt', 'utf8').split('\n').slice(0, 5);
    const logLine = readFileSync(LOCAL + 'pg15-connections.log', 'utf8').split('\n')[5]!;
    const text = [...table, logLine, ''].join('\n');
    const { records, skipped } = parseText(pgStatParser, text);
    expect(backends(records)).toHaveLength(1);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'column header'], [2, 'separator between header and rows'], [5, 'row count footer'], [6, 'not part of a pg_stat_activity result'],
    ]);
  });

  it('never throws and accounts for every line, whatever the input', () => {
    const aligned = readFileSync(LOCAL + 'styles-aligned-plain.txt', 'utf8').split('\n');
    const csv = readFileSync(LOCAL + 'styles-csv-multiline.csv', 'utf8').split('\n');
    const exp = readFileSync(LOCAL + 'styles-expanded-multiline.txt', 'utf8').split('\n');
    const piece = fc.constantFrom(...aligned.slice(0, 6), ...csv, ...exp, '# captured 2026-12-07T16:33:05Z host=vm pid= cmd=psql', 'psql: error: connection refused', '\tIs the server running', '');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 40 })), { maxLength: 40 }), (ls) => {
        const text = ls.join('\n');
        const { records, skipped } = parseText(pgStatParser, text);
        expect(unaccountedLines(text, records, skipped)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffPgStat', () => {
  it.each(corpusFiles(['hikari', 'jstack', 'goroutine', 'lsof', 'ss', 'pino', 'heap', 'gc', 'misc', 'large']))('does not claim %s', (rel) => {
    expect(pgStatParser.sniff(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
  });

  it('does not claim a PostgreSQL server log', () => {
    const lines = readFileSync(LOCAL + 'pg15-connections.log', 'utf8').split('\n').slice(0, 200);
    expect(pgStatParser.sniff({ name: 'postgresql.log', lines })).toBeNull();
  });
});
