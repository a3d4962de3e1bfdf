/**
 * `files.time_quality` for files whose records go to handlers (GC events, snapshots): the times
 * those records carry decide it, as log records' do. Lines from
 * samples/two-incidents-freeze-then-db-restart/bundle (gc.log, top and jstack snapshots).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PARSERS } from '../../parsers';
import { SIGNATURES } from '../signatures';
import { Store } from '../store';
import { ingestBundle } from './ingest';

const GC = [
  '[2026-12-07T08:13:10.916-0500][0.006s][info][gc] Using G1',
  '[2026-12-07T08:13:10.927-0500][0.017s][info][gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)',
  '[2026-12-07T08:13:10.927-0500][0.017s][info][gc,init] CPUs: 2 total, 2 available',
];
const TOP = [
  '# captured 2026-12-07T13:14:41Z host=vm pid=15656 cmd=top -b -n 1 -w 200 -p 15656,15506',
  'top - 08:14:41 up 14 min,  0 user,  load average: 1.18, 1.63, 0.95',
  'Tasks:   2 total,   0 running,   2 sleeping,   0 stopped,   0 zombie',
  '%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
  'MiB Mem :  24105.3 total,  20279.5 free,   1163.7 used,   3305.6 buff/cache     ',
  'MiB Swap:      0.0 total,      0.0 free,      0.0 used.  22941.6 avail Mem ',
  '',
  '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  '15656 root      20   0 2858468  85932  23872 S   0.0   0.3   0:03.35 java',
  '15506 postgres  20   0  217120  29308  26988 S   0.0   0.1   0:00.06 postgres',
];
// The JVM's own stamp (line 2, no zone) is the capture time the parser keeps, over the collector's `# captured …Z`.
const JSTACK = [
  '# captured 2026-12-07T13:14:41Z host=vm pid=15656 cmd=jstack 15656',
  '2026-12-07 08:14:41',
  'Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode, sharing):',
  '',
  'Threads class SMR info:',
  '_java_thread_list=0x00007f3888004df0, length=25, elements={',
  '0x00007f390c01a3c0, 0x00007f390c0ccbb0, 0x00007f390c0cdf90, 0x00007f390c0d5a00,',
  '0x00007f390c0d6db0, 0x00007f390c0d81c0, 0x00007f390c0d9b70, 0x00007f390c0db0a0,',
  '0x00007f390c0dc510, 0x00007f390c0e3a30, 0x00007f390c0e72a0, 0x00007f390c332f20,',
  '0x00007f390c345bf0, 0x00007f390c3467f0, 0x00007f390c3477f0, 0x00007f390c3487e0,',
  '0x00007f390c349860, 0x00007f390c34a8f0, 0x00007f390c34b980, 0x00007f390c34ca20,',
  '0x00007f390c34dac0, 0x00007f390c34ef60, 0x00007f390c350400, 0x00007f390c351f00,',
  '0x00007f3888004410',
  '}',
  '',
  '"main" #1 prio=5 os_prio=0 cpu=585.70ms elapsed=90.39s tid=0x00007f390c01a3c0 nid=0x3d2c in Object.wait()  [0x00007f39121fe000]',
  '   java.lang.Thread.State: WAITING (on object monitor)',
  '\tat java.lang.Object.wait(java.base@17.0.15/Native Method)',
  '\t- waiting on <0x00000000f7eaac18> (a java.lang.Thread)',
  '\tat java.lang.Thread.join(java.base@17.0.15/Thread.java:1313)',
  '\t- locked <0x00000000f7eaac18> (a java.lang.Thread)',
  '\tat java.lang.Thread.join(java.base@17.0.15/Thread.java:1381)',
  '\tat com.example.billing.BillingService.main(BillingService.java:92)',
];

it('takes a file\'s time quality from its GC events and snapshot capture times', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rl-tq-'));
  const files: Record<string, string[]> = {
    'logs/gc.log': GC,
    'snapshots/top-20261207T131441Z.txt': TOP,
    'dumps/jstack-20261207T131441Z.txt': JSTACK,
  };
  for (const [p, lines] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), lines.join('\n') + '\n');
  }
  const store = Store.open(':memory:');
  const r = await ingestBundle(store, dir, { parsers: PARSERS, signatures: SIGNATURES, contentRoot: null });
  const tq = (p: string) => {
    const f = store.files.byPath(r.bundle.id, p)!;
    return [f.kind, f.time_quality];
  };
  expect(tq('logs/gc.log')).toEqual(['gc-log', 'explicit']);
  expect(tq('snapshots/top-20261207T131441Z.txt')).toEqual(['top', 'explicit']);
  expect(tq('dumps/jstack-20261207T131441Z.txt')).toEqual(['jstack', 'assumed']);
  expect(store.files.byPath(r.bundle.id, 'logs/gc.log')!.first_ts).toBe(Date.UTC(2026, 11, 7, 13, 13, 10, 916));
});
