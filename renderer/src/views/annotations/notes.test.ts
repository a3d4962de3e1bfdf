import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../engine/model/annotation';
import { describeWhen, filterByMarker, formatUtcInput, markerCounts, parseMarker, parseUtc, parseWhen, sortAnnotations } from './notes';

const T = Date.UTC(2026, 10, 22, 4, 18, 21);

describe('parseUtc', () => {
  it('reads typed times as UTC', () => {
    expect(parseUtc('2026-11-22 04:18:21')).toEqual({ ok: true, ts: T });
    expect(parseUtc(' 2026-11-22T04:18:21Z ')).toEqual({ ok: true, ts: T });
    expect(parseUtc('2026-11-22 04:18:21 UTC')).toEqual({ ok: true, ts: T });
    expect(parseUtc('2026-11-22 04:18')).toEqual({ ok: true, ts: T - 21_000 });
    expect(parseUtc('2026-11-22 04:18:21.5')).toEqual({ ok: true, ts: T + 500 });
    expect(parseUtc('2026-11-22 04:18:21,123')).toEqual({ ok: true, ts: T + 123 });
  });

  it('converts an explicit offset to UTC', () => {
    expect(parseUtc('2026-11-22 13:18:21 +09:00')).toEqual({ ok: true, ts: T });
    expect(parseUtc('2026-11-21T23:18:21-0500')).toEqual({ ok: true, ts: T });
  });

  it('puts a time alone on the given day, and asks for the date without one', () => {
    expect(parseUtc('04:18:21', T + 3600_000 * 10)).toEqual({ ok: true, ts: T });
    expect(parseUtc('4:18:21', T)).toEqual({ ok: true, ts: T });
    expect(parseUtc('04:18:21')).toEqual({ ok: false, error: 'add the date: YYYY-MM-DD HH:MM:SS' });
  });

  it('says what is wrong with impossible or unreadable input', () => {
    expect(parseUtc('')).toMatchObject({ ok: false });
    expect(parseUtc('2026-13-01 00:00')).toEqual({ ok: false, error: 'there is no month 13' });
    expect(parseUtc('2026-02-30 00:00')).toEqual({ ok: false, error: '2026-02 has no day 30' });
    expect(parseUtc('2026-11-22 24:00')).toMatchObject({ ok: false });
    expect(parseUtc('yesterday')).toEqual({ ok: false, error: 'write it as YYYY-MM-DD HH:MM:SS (UTC)' });
  });

  it('round-trips with the input format', () => {
    expect(formatUtcInput(T)).toBe('2026-11-22 04:18:21');
    expect(formatUtcInput(T + 7)).toBe('2026-11-22 04:18:21.007');
    expect(parseUtc(formatUtcInput(T + 7))).toEqual({ ok: true, ts: T + 7 });
  });
});

describe('parseWhen', () => {
  it('gives a point, or a range whose end may be a time alone on the same day', () => {
    expect(parseWhen('2026-11-22 04:18:21', '')).toEqual({ ok: true, ts: T, tsEnd: null });
    expect(parseWhen('2026-11-22 04:18:21', '04:25')).toEqual({ ok: true, ts: T, tsEnd: Date.UTC(2026, 10, 22, 4, 25) });
    expect(parseWhen('2026-11-22 04:18:21', '2026-11-22 04:18:21')).toEqual({ ok: true, ts: T, tsEnd: null });
  });

  it('points at the field that is wrong', () => {
    expect(parseWhen('', '')).toEqual({ ok: false, field: 'start', error: 'enter when it happened (UTC)' });
    expect(parseWhen('2026-11-22 04:18:21', '04:00')).toEqual({ ok: false, field: 'end', error: 'the range ends before it starts' });
    expect(parseWhen('2026-11-22 04:18:21', 'soon')).toMatchObject({ ok: false, field: 'end' });
  });
});

let id = 1;
function note(ts: number | null, marker: Annotation['marker'] = 'note', tsEnd: number | null = null): Annotation {
  return { id: id++, bundleId: 1, ts, tsEnd, filePath: null, line: null, ref: null, marker, text: 't', createdAt: 0, updatedAt: 0 };
}

describe('list', () => {
  it('orders by time, notes without one last', () => {
    const a = note(null);
    const b = note(300);
    const c = note(100, 'repair', 900);
    const d = note(100);
    expect(sortAnnotations([a, b, c, d]).map((x) => x.id)).toEqual([d.id, c.id, b.id, a.id]);
  });

  it('filters and counts by marker', () => {
    const list = [note(1, 'detection'), note(2, 'repair'), note(3, 'repair')];
    expect(filterByMarker(list, 'repair')).toHaveLength(2);
    expect(filterByMarker(list, null)).toHaveLength(3);
    expect(markerCounts(list)).toEqual({ detection: 1, diagnosis: 0, repair: 2, key: 0, note: 0 });
    expect(parseMarker('key')).toBe('key');
    expect(parseMarker('bogus')).toBeNull();
  });

  it('describes points and ranges in UTC', () => {
    expect(describeWhen({ ts: T, tsEnd: null })).toBe('2026-11-22 04:18:21 UTC');
    expect(describeWhen({ ts: T, tsEnd: T + 399_000 })).toBe('2026-11-22 04:18:21 → 04:25:00 UTC (6 min 39 s)');
    expect(describeWhen({ ts: T, tsEnd: T + 86_400_000 })).toBe('2026-11-22 04:18:21 → 2026-11-23 04:18:21 UTC (24 h)');
    expect(describeWhen({ ts: null, tsEnd: null })).toBe('no time');
  });
});
