import { describe, expect, it } from 'vitest';
import { oneDumpPerInstant, SAME_INSTANT_MS, withCreators } from './goroutine-captures';

const T = Date.UTC(2026, 11, 7, 15, 35, 4);
const dump = (sid: number, capturedAt: number | null, pid: number | null = 15218, host: string | null = 'vm') => ({ sid, capturedAt, pid, host });
/** A debug=1 profile's groups: no state printed, no creator. */
const debug1 = (sid: number) => [{ sid, state: 'unknown', createdBy: null }, { sid, state: 'semacquire', createdBy: null }];
/** A debug=2 dump's groups: states and creators. */
const debug2 = (sid: number) => [{ sid, state: 'chan send', createdBy: 'main.main.func1 /app/main.go:66' }, { sid, state: 'semacquire', createdBy: 'main.main.func2 /app/main.go:82' }];

describe('oneDumpPerInstant', () => {
  it('keeps the debug=2 dump of a pair taken together, in either order and up to the window apart', () => {
    const ds = [dump(1, T), dump(2, T + 1000), dump(3, T + 5000), dump(4, T + 5000 + SAME_INSTANT_MS)];
    const groups = [...debug1(1), ...debug2(2), ...debug2(3), ...debug1(4)];
    expect(oneDumpPerInstant(ds, groups).map((d) => d.sid)).toEqual([2, 3]);
  });

  it('keeps captures further apart, other processes, and dumps without a time', () => {
    const ds = [dump(1, T), dump(2, T + SAME_INSTANT_MS + 1), dump(3, T, 999), dump(4, null), dump(5, null)];
    const groups = [...debug1(1), ...debug2(2), ...debug2(3)];
    expect(oneDumpPerInstant(ds, groups).map((d) => d.sid)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the earliest of equally rich dumps', () => {
    expect(oneDumpPerInstant([dump(7, T + 500), dump(6, T)], [...debug2(6), ...debug2(7)]).map((d) => d.sid)).toEqual([6]);
  });
});

describe('withCreators', () => {
  const row = (frames: string[], createdBy: string | null) => ({ frames: JSON.stringify(frames), createdBy });

  it('gives a group that printed no creator the one other dumps print for its top user frame', () => {
    const rows = [
      row(['main.(*broker).publish /app/main.go:25'], null),
      row(['runtime.gopark /go/src/runtime/proc.go:363', 'runtime.chansend1 /go/src/runtime/chan.go:145', 'main.(*broker).publish /app/main.go:25'], 'main.main.func1 /app/main.go:66'),
    ];
    expect(withCreators(rows).map((r) => r.createdBy)).toEqual(['main.main.func1 /app/main.go:66', 'main.main.func1 /app/main.go:66']);
  });

  it('leaves it without one when the other dumps disagree', () => {
    const rows = [
      row(['main.work /app/main.go:9'], null),
      row(['main.work /app/main.go:9'], 'main.a /app/main.go:1'),
      row(['main.work /app/main.go:9'], 'main.b /app/main.go:2'),
    ];
    expect(withCreators(rows)[0]!.createdBy).toBeNull();
  });
});
