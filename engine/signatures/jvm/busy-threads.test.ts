/**
 * busy-threads and the busy-loop cause on a real JVM spinning (engine/signatures/jvm/__fixtures__/busy-threads,
 * made by make-fixtures.sh there): "reservation-drainer" busy-waits on an empty queue, RUNNABLE in
 * Inventory.drainReservations in both jstack dumps, and top -H beside each shows its TID (0x88b = 2187) at a
 * whole core; "restock-applier" does the same job blocked in take() and must not be named.
 */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../analysis/analyze';
import { ingestFiles } from '../../../test/support/ingest-files';
import { SIGNATURES, type FindingOf } from '..';
import { BUSY_THREADS } from './busy-threads';

const DIR = new URL('./__fixtures__/busy-threads/', import.meta.url).pathname;
const DUMPS = { 'dumps/jstack-20261207T161522Z.txt': DIR + 'jstack-20261207T161522Z.txt', 'dumps/jstack-20261207T161535Z.txt': DIR + 'jstack-20261207T161535Z.txt' };
const TOPS = { 'snapshots/top-threads-20261207T161524Z.txt': DIR + 'top-threads-20261207T161524Z.txt', 'snapshots/top-threads-20261207T161537Z.txt': DIR + 'top-threads-20261207T161537Z.txt' };

async function analyse(files: Record<string, string>) {
  const { store, bundleId } = await ingestFiles(files);
  const r = analyzeBundle(store, bundleId, SIGNATURES);
  return { r, busy: r.findings.filter((f) => f.signature === BUSY_THREADS) as unknown as FindingOf<typeof BUSY_THREADS>[] };
}

describe('busy-threads on a real spinning JVM', () => {
  it('names the spinning thread and its method from two dumps and top -H, and the busy loop first', async () => {
    const { r, busy } = await analyse({ ...DUMPS, ...TOPS });
    expect(busy).toHaveLength(1);
    const b = busy[0]!;
    expect(b.data).toMatchObject({ frame: 'Inventory.drainReservations', threads: ['reservation-drainer'], dumps: 2, pid: 2169 });
    expect(b.data.threadCpu).toBeGreaterThanOrEqual(95);
    expect(b.summary).toMatch(/top -H shows thread 2187 at 99\.\d% CPU/);
    // The telling lines: the thread's RUNNABLE frame in a dump and its row in top -H.
    expect(b.evidence.map((e) => e.note)).toEqual(expect.arrayContaining(['"reservation-drainer" RUNNABLE in Inventory.drainReservations', expect.stringMatching(/^thread 2187 \("reservation-drainer"\) at 99\.\d% CPU in top -H$/)]));
    expect(r.rootCauses[0]).toMatchObject({ cause: 'busy-loop' });
    expect(r.rootCauses[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('without top, the CPU time the JVM prints per thread still shows it burning a core', async () => {
    const { busy } = await analyse(DUMPS);
    expect(busy).toHaveLength(1);
    expect(busy[0]!.data).toMatchObject({ frame: 'Inventory.drainReservations', threads: ['reservation-drainer'], threadCpu: null });
    expect(busy[0]!.data.cpuRate).toBeGreaterThanOrEqual(0.8);
  });

  it('one dump is a snapshot of work, not a loop', async () => {
    const { busy } = await analyse({ 'dumps/jstack-20261207T161522Z.txt': DUMPS['dumps/jstack-20261207T161522Z.txt'], ...TOPS });
    expect(busy).toHaveLength(0);
  });
});
