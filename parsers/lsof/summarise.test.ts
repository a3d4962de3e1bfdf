import { describe, expect, it } from 'vitest';
import { parseFixture } from '../../test/support/parse-fixture';
import type { FdRow, LsofRecord } from './model';
import { lsofParser } from './parser';
import { summariseFds } from './summarise';

const rows = (file: string) => (parseFixture(lsofParser, 'corpus/lsof/' + file).records as LsofRecord[]).filter((r): r is FdRow => r.type === 'fd');

describe('summariseFds', () => {
  it('counts per process without per-thread rows, numbered fds apart', () => {
    const s = summariseFds(rows('jc-centos-7.7_lsof-sudo.out'));
    expect(s.threadRows).toBe(1631);
    expect(s.rows).toBe(3389 - 1631);
    const systemd = s.byProcess.find((p) => p.pid === 1)!;
    // pid 1: 69 rows, of which 45 numbered descriptors (the rest cwd/rtd/txt/mem)
    expect(systemd).toMatchObject({ command: 'systemd', rows: 69, fds: 45 });
    expect(s.byType.IPv4).toBe(6);
    expect(s.byState).toEqual({ LISTEN: 4, ESTABLISHED: 2 });
    expect(s.byRemote).toEqual([{ remote: '192.168.71.1:58727', count: 2, byState: { ESTABLISHED: 2 } }]);
  });

  it('finds the CLOSE_WAIT pile-up toward one peer (wvp)', () => {
    const s = summariseFds(rows('issue-wvp-1470-lsof-close-wait.txt'));
    expect(s.fds).toBe(12);
    expect(s.byState).toEqual({ CLOSE_WAIT: 12 });
    expect(s.byType).toEqual({ IPv6: 12 });
    expect(s.byRemote).toHaveLength(12); // each from another ephemeral port of the same host
    expect(s.byProcess.map((p) => [p.pid, p.fds])).toEqual([[14184, 11], [14184, 1]]); // 'ava' (cut by the user) and 'java'
  });
});
