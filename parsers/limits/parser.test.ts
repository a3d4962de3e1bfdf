import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../test/support/parse-fixture';
import { unaccountedLines } from '../lsof/accounting';
import type { SnapshotMeta } from '../types';
import type { LimitRow, LimitsRecord } from './model';
import { limitsParser } from './parser';

const rowsOf = (recs: LimitsRecord[]) => recs.filter((r): r is LimitRow => r.type === 'limit');
const byName = (rows: LimitRow[], name: string) => rows.find((r) => r.name === name);

/** Hand-written, realistic: `date; cat /proc/4242/limits` as a collector writes it (kernel 5.x layout, trailing spaces kept). */
const PROC = [
  'Sun Nov 22 02:55:30 UTC 2026',
  'Limit                     Soft Limit           Hard Limit           Units     ',
  'Max cpu time              unlimited            unlimited            seconds   ',
  'Max file size             unlimited            unlimited            bytes     ',
  'Max data size             unlimited            unlimited            bytes     ',
  'Max stack size            8388608              unlimited            bytes     ',
  'Max core file size        0                    unlimited            bytes     ',
  'Max resident set          unlimited            unlimited            bytes     ',
  'Max processes             63448                63448                processes ',
  'Max open files            1024                 4096                 files     ',
  'Max locked memory         65536                65536                bytes     ',
  'Max address space         unlimited            unlimited            bytes     ',
  'Max file locks            unlimited            unlimited            locks     ',
  'Max pending signals       63448                63448                signals   ',
  'Max msgqueue size         819200               819200               bytes     ',
  'Max nice priority         0                    0                    ',
  'Max realtime priority     0                    0                    ',
  'Max realtime timeout      unlimited            unlimited            us        ',
].join('\n');

/** Hand-written, realistic: bash 5 `ulimit -a` and `ulimit -Hn` in a support transcript. */
const BASH = [
  '[app@web-1 ~]$ ulimit -a',
  'core file size          (blocks, -c) 0',
  'data seg size           (kbytes, -d) unlimited',
  'scheduling priority             (-e) 0',
  'file size               (blocks, -f) unlimited',
  'pending signals                 (-i) 63448',
  'max locked memory       (kbytes, -l) 65536',
  'max memory size         (kbytes, -m) unlimited',
  'open files                      (-n) 1024',
  'pipe size            (512 bytes, -p) 8',
  'POSIX message queues     (bytes, -q) 819200',
  'real-time priority              (-r) 0',
  'stack size              (kbytes, -s) 8192',
  'cpu time               (seconds, -t) unlimited',
  'max user processes              (-u) 63448',
  'virtual memory          (kbytes, -v) unlimited',
  'file locks                      (-x) unlimited',
  '[app@web-1 ~]$ ulimit -Hn',
  '4096',
].join('\n');

describe('limits parser (hand-written samples)', () => {
  it('/proc/PID/limits: every row, soft and hard, null for unlimited', () => {
    expect(limitsParser.sniff({ name: 'limits', lines: PROC.split('\n') })).toMatchObject({ kind: 'limits', confidence: 0.95 });
    const r = parseText(limitsParser, PROC, 'proc-4242-limits.txt');
    const rows = rowsOf(r.records);
    expect(rows).toHaveLength(16);
    expect(byName(rows, 'Max open files')).toEqual({ type: 'limit', name: 'Max open files', resource: 'nofile', soft: 1024, hard: 4096, units: 'files', line: 10 });
    expect(byName(rows, 'Max stack size')).toMatchObject({ resource: 'stack', soft: 8388608, hard: null, units: 'bytes' });
    expect(byName(rows, 'Max nice priority')).toMatchObject({ soft: 0, hard: 0 });
    expect(byName(rows, 'Max nice priority')!.units).toBeUndefined();
    const meta = r.records[0] as SnapshotMeta;
    expect(meta).toMatchObject({ type: 'snapshot', capturedAt: Date.UTC(2026, 10, 22, 2, 55, 30), timeSource: 'header' });
    expect(r.skipped.map((s) => s.reason)).toEqual(['column header']);
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('bash ulimit -a (soft values) and ulimit -Hn (hard value)', () => {
    expect(limitsParser.sniff({ name: 'ulimit.txt', lines: BASH.split('\n') })!.confidence).toBeGreaterThanOrEqual(0.8);
    const r = parseText(limitsParser, BASH);
    const rows = rowsOf(r.records);
    expect(rows).toHaveLength(17);
    expect(rows.find((x) => x.line === 9)).toEqual({ type: 'limit', name: 'nofile', resource: 'nofile', soft: 1024, hard: null, printed: 'soft', line: 9 });
    expect(rows.find((x) => x.resource === 'pipe')).toMatchObject({ soft: 8, units: '512 bytes' });
    expect(rows.find((x) => x.resource === 'stack')).toMatchObject({ soft: 8192, units: 'kbytes' });
    expect(rows[rows.length - 1]).toEqual({ type: 'limit', name: 'nofile', resource: 'nofile', soft: null, hard: 4096, printed: 'hard', line: 19 });
    const metas = r.records.filter((x): x is SnapshotMeta => x.type === 'snapshot');
    expect(metas.map((m) => [m.command, m.line])).toEqual([['ulimit -a', 1], ['ulimit -Hn', 18]]);
    expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
  });

  it('zsh ulimit -a, prlimit and limits.conf', () => {
    const zsh = rowsOf(parseText(limitsParser, '-t: cpu time (seconds)              unlimited\n-n: file descriptors                256\n-u: processes                       2784').records);
    expect(zsh.map((x) => [x.resource, x.soft])).toEqual([['cpu', null], ['nofile', 256], ['nproc', 2784]]);
    const pr = parseText(limitsParser, 'RESOURCE   DESCRIPTION                             SOFT      HARD UNITS\nNOFILE     max number of open files                1024   1048576 files\nNPROC      max number of processes                63448     63448 processes');
    expect(rowsOf(pr.records).map((x) => [x.resource, x.soft, x.hard, x.units])).toEqual([['nofile', 1024, 1048576, 'files'], ['nproc', 63448, 63448, 'processes']]);
    const conf = parseText(limitsParser, '# /etc/security/limits.conf\n#<domain>      <type>  <item>         <value>\n*               soft    nofile          65535\n@app            -       nproc           unlimited\n');
    expect(rowsOf(conf.records)).toEqual([
      { type: 'limit', name: 'nofile', resource: 'nofile', domain: '*', soft: 65535, hard: null, printed: 'soft', line: 3 },
      { type: 'limit', name: 'nproc', resource: 'nproc', domain: '@app', soft: null, hard: null, line: 4 },
    ]);
    expect(conf.skipped.map((s) => s.reason)).toEqual(['comment line', 'comment line']);
  });

  it('is not fooled by lsof / netstat output', () => {
    expect(limitsParser.sniff({ name: 'x', lines: ['tcp        0      0 0.0.0.0:22    0.0.0.0:*     LISTEN      1127/sshd'] })).toBeNull();
  });

  it('never throws and accounts for every line (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('Max open files            1024                 4096                 files', 'open files                      (-n) 1024', '$ ulimit -n', 'unlimited', '-n: file descriptors 256', '* soft nofile 1', '(', 'Max', ''),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (lines) => {
        const r = parseText(limitsParser, lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n'));
        expect(unaccountedLines(r.records, r.skipped, r.lineCount)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
