import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureBundle, T0, type FixtureBundle } from './testing/bundle';
import { expectedRows } from './testing/oracle';
import { timelineRange, timelineWindow, type TimelineFilters, type TimelineRow } from '.';

let fx: FixtureBundle;
let filters: TimelineFilters[];
const RANK = { event: 0, snapshot: 1, finding: 2, annotation: 3 };
const key = (r: TimelineRow) => [r.ts, RANK[r.type], Number(r.ref.split(':')[1])] as const;
const before = (a: TimelineRow, b: TimelineRow) => {
  const [x, y] = [key(a), key(b)];
  return x[0] < y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
};

beforeAll(async () => {
  fx = await fixtureBundle();
  fx.store.annotations.create(fx.bundleId, { marker: 'diagnosis', text: 'host starved the JVM', ts: T0 + 4 * 60_000, tsEnd: T0 + 7 * 60_000 });
  fx.store.annotations.create(fx.bundleId, { marker: 'key', text: 'first timeout', filePath: 'logs/app.log', line: 273 });
  const files = new Map(fx.store.files.list(fx.bundleId).map((f) => [f.path, f.id]));
  filters = [
    {},
    { minLevel: 40 },
    { levels: [20, 50] },
    { fileIds: [files.get('logs/api.log')!] },
    { fileIds: [files.get('logs/app.log')!, files.get('logs/app.log.1')!], types: ['event', 'annotation'] },
    { kinds: ['hikari.stats', 'http.request', 'lsof'] },
    { types: ['snapshot', 'finding'] },
  ];
});

afterAll(() => {
  fx.store.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('timelineWindow on random windows', () => {
  it('counts every row of the window once: density sums to the total, rows sorted and inside the window', () => {
    const range = timelineRange(fx.store, fx.bundleId)!;
    const span = range.to - range.from;
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        // Anywhere in the bundle, or (half the time) in its busy ten minutes.
        fc.oneof(fc.integer({ min: range.from - 3_600_000, max: range.to }), fc.integer({ min: T0 - 60_000, max: T0 + 11 * 60_000 })),
        // Widths from 10 ms to beyond the whole bundle, log-uniform.
        fc.double({ min: 1, max: Math.log10(span * 1.2), noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.nat({ max: 6 }),
        (from, logWidth, buckets, limit, fi) => {
          const to = from + Math.max(1, Math.round(10 ** logWidth));
          const f = filters[fi]!;
          const w = timelineWindow(fx.store, fx.bundleId, { from, to, buckets, limit, filters: f });
          const want = expectedRows(fx.store, fx.bundleId, from, to, f);
          expect(w.totalInWindow).toBe(want.length);
          if (want.length > 0) nonEmpty++;
          expect(w.density.counts.reduce((a, b) => a + b, 0)).toBe(w.totalInWindow);
          expect(w.density.counts.length).toBeLessThanOrEqual(buckets);
          w.density.counts.forEach((n, i) => expect(w.density.byLevel.error[i]! + w.density.byLevel.warn[i]! + w.density.byLevel.other[i]!).toBe(n));
          expect(w.rows.length).toBe(Math.min(limit, want.length));
          expect(w.truncated).toBe(want.length > limit);
          for (let i = 1; i < w.rows.length; i++) expect(before(w.rows[i - 1]!, w.rows[i]!)).toBe(true);
          for (const r of w.rows) {
            expect(r.ts).toBeLessThan(to);
            expect(r.tsEnd ?? r.ts).toBeGreaterThanOrEqual(from);
            if (r.type === 'event' || r.type === 'snapshot') expect(r.ts).toBeGreaterThanOrEqual(from);
          }
          // The page is the start of the window's rows in order.
          const refs = new Set(want.map((x) => x.ref));
          expect(w.rows.every((r) => refs.has(r.ref))).toBe(true);
          if (w.nextCursor) {
            const next = timelineWindow(fx.store, fx.bundleId, { from, to, buckets, limit, filters: f, cursor: w.nextCursor });
            if (next.rows[0]) expect(before(w.rows.at(-1)!, next.rows[0])).toBe(true);
            expect(next.rows.length).toBe(Math.min(limit, want.length - limit));
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(nonEmpty).toBeGreaterThan(60); // the property was exercised on windows with rows
  });
});
