import { describe, expect, it } from 'vitest';
import { parseCaptureHeader } from './header';
import type { TimeContext } from '../types';

const utc: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay: null };
const kst: TimeContext = { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms) - 9 * 3600_000, referenceDay: null };

describe('parseCaptureHeader', () => {
  it('reads a collector header with host, pid and command', () => {
    const h = parseCaptureHeader(utc, '# captured 2026-11-22T02:55:30Z host=web-1 pid=4242 cmd=lsof -p 4242 -n');
    expect(h).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), tq: 'explicit', host: 'web-1', pid: 4242, command: 'lsof -p 4242 -n' });
  });
  it('reads plain `date` output with a known zone abbreviation', () => {
    expect(parseCaptureHeader(kst, 'Sun Nov 22 11:55:30 KST 2026')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), tq: 'explicit' });
    expect(parseCaptureHeader(utc, 'Sun 22 Nov 2026 02:55:30 PM UTC')?.ts).toBe(Date.UTC(2026, 10, 22, 14, 55, 30));
  });
  it('uses the assumed zone when `date` printed an unknown abbreviation', () => {
    expect(parseCaptureHeader(kst, 'Sun Nov 22 11:55:30 XYZ 2026')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), tq: 'assumed' });
  });
  it('reads `date -Is` output and rejects ordinary lines', () => {
    expect(parseCaptureHeader(utc, '2026-11-22T11:55:30+09:00')?.ts).toBe(Date.UTC(2026, 10, 22, 2, 55, 30));
    expect(parseCaptureHeader(utc, 'COMMAND   PID USER   FD   TYPE DEVICE SIZE/OFF NODE NAME')).toBeNull();
    expect(parseCaptureHeader(utc, '2026-11-22 02:55:30.001  INFO 1 --- [main] a.b.C : started')).toBeNull();
  });
});
