import { describe, expect, it } from 'vitest';
import { parseZone, wallToUtc } from '../ingest/zone';
import { constantOffset } from './events';

const wall = (iso: string) => Date.parse(`${iso}Z`); // wall clock read as UTC, as parsers store it

describe('constantOffset', () => {
  it('finds the one offset of a zone without changes in the range', () => {
    expect(constantOffset(wallToUtc(parseZone('Asia/Seoul')), wall('2026-11-22T00:00:00'), wall('2026-11-29T00:00:00'))).toBe(9 * 3_600_000);
    expect(constantOffset(wallToUtc(parseZone('Europe/Berlin')), wall('2026-07-01T00:00:00'), wall('2026-07-03T12:00:00'))).toBe(2 * 3_600_000);
    expect(constantOffset(wallToUtc(parseZone('America/New_York')), wall('2026-12-01T00:00:00'), wall('2026-12-01T00:00:00'))).toBe(-5 * 3_600_000);
  });

  it('refuses a range that crosses a change, even one ending just past it', () => {
    const berlin = wallToUtc(parseZone('Europe/Berlin'));
    expect(constantOffset(berlin, wall('2026-03-28T12:00:00'), wall('2026-03-30T12:00:00'))).toBeNull();
    expect(constantOffset(berlin, wall('2026-03-29T00:30:00'), wall('2026-03-29T03:10:00'))).toBeNull();
  });

  it('leaves very long ranges to the per-row conversion', () => {
    expect(constantOffset(wallToUtc(parseZone('Asia/Seoul')), wall('2000-01-01T00:00:00'), wall('2026-01-01T00:00:00'))).toBeNull();
  });
});
