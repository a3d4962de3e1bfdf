import { describe, expect, it } from 'vitest';
import { timeFromFileName } from './filename-time';

describe('timeFromFileName', () => {
  it('reads the stamps collectors put in file names', () => {
    expect(timeFromFileName('snap/lsof-20261122T025530Z.txt')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), explicit: true });
    expect(timeFromFileName('ss_2026-11-22_02-55-30.txt')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), explicit: false });
    expect(timeFromFileName('jstack.20261122-025530.txt')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), explicit: false });
    expect(timeFromFileName('goroutines-1763780130.txt')).toEqual({ ts: 1763780130_000, explicit: true });
  });
  it('ignores names without a plausible stamp', () => {
    expect(timeFromFileName('lsof.txt')).toBeNull();
    expect(timeFromFileName('app.log.1.gz')).toBeNull();
    expect(timeFromFileName('dump-20261399-250000.txt')).toBeNull();
  });
});
