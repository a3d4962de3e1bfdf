import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseFixture, parseText } from '../../test/support/parse-fixture';
import type { HeapHistogram } from '../jmap/model';
import { corpusFiles, readText, sniffInput, unaccountedLines } from '../jmap/test-helpers';
import type { GcInfo, GcPause, GcRecord } from './model';
import { gcLogParser } from './parser';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;
const KAFKA = 'corpus/gc/elastic-examples-kafka0-kafkaServer-gc-head7427.log';
const GARBAGECAT = 'corpus/heap/issue-garbagecat-50-printclasshistogram-in-gc-log.txt';

const pauses = (rs: GcRecord[]) => rs.filter((r): r is GcPause => r.type === 'gc-pause');
const infos = (rs: GcRecord[]) => rs.filter((r): r is GcInfo => r.type === 'gc-info');
const histograms = (rs: GcRecord[]) => rs.filter((r): r is HeapHistogram => r.type === 'heap-histogram');
const at = (iso: string) => Date.parse(iso);

/** Record counts by `pause:<phase>`, `info:<kind>` and record type. */
function tally(rs: GcRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) {
    const k = r.type === 'gc-pause' ? `pause:${r.phase}` : r.type === 'gc-info' ? `info:${r.kind}` : r.type;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function local(file: string) {
  const bytes = readFileSync(LOCAL + file);
  return { ...parseBytes(gcLogParser, bytes, file), text: bytes.toString('utf8') };
}

describe('unified logging from a real JDK 17 (parsers/gclog/__fixtures__, made by make-fixtures.sh)', () => {
  it.each([
    ['g1-churn-time-uptime.log', {
      'info:collector': 1, 'pause:Young': 53, 'pause:Initial Mark': 6, 'pause:Remark': 6, 'pause:Cleanup': 6, 'pause:Mixed': 2, 'pause:Full': 1,
      'info:concurrent': 6, 'info:to-space-exhausted': 2, 'info:heap-summary': 1,
    }],
    ['g1-leak-oom.log', {
      'info:collector': 1, 'pause:Young': 16, 'pause:Initial Mark': 4, 'pause:Remark': 1, 'pause:Cleanup': 1, 'pause:Full': 6, 'info:concurrent': 4,
      'info:to-space-exhausted': 5, 'info:full-compaction': 6, 'info:concurrent-abort': 3, 'info:heap-summary': 1,
    }],
    ['parallel-churn.log', { 'info:collector': 1, 'pause:Young': 91, 'pause:Full': 2, 'info:heap-summary': 1 }],
    ['serial-classhisto.log', { 'info:collector': 1, 'pause:Young': 90, 'pause:Full': 2, 'heap-histogram': 4 }],
    ['serial-leak-uptime-only.log', { 'info:collector': 1, 'pause:Young': 4, 'pause:Full': 9 }],
    ['g1-safepoint.log', { 'pause:Safepoint': 73 }],
  ])('%s: records by kind, nothing skipped, every line inside a record', (file, counts) => {
    const { records, skipped, text } = local(file);
    expect(tally(records)).toEqual(counts);
    expect(skipped).toEqual([]);
    expect(unaccountedLines(text, records, skipped)).toEqual([]);
    expect(gcLogParser.sniff({ name: file, lines: text.split('\n').slice(0, 200) })).toMatchObject({ kind: 'gc-log', confidence: 0.99 });
  });

  it('folds a G1 young pause from its gc,start line to its gc,cpu line', () => {
    const p = pauses(local('g1-churn-time-uptime.log').records);
    expect(p[0]).toEqual({
      type: 'gc-pause', ts: at('2026-11-22T03:47:08.221Z'), tq: 'explicit', uptimeS: 0.037, pauseMs: 0.984, collector: 'G1', phase: 'Young',
      label: 'Pause Young (Normal) (G1 Evacuation Pause)', cause: 'G1 Evacuation Pause', gcId: 0,
      heapBeforeKb: 6 * 1024, heapAfterKb: 1024, heapTotalKb: 64 * 1024, line: 20, endLine: 34,
    });
    expect(p.find((x) => x.phase === 'Full')).toMatchObject({
      gcId: 47, cause: 'System.gc()', pauseMs: 4.171, heapBeforeKb: 41 * 1024, heapAfterKb: 23 * 1024, line: 751, endLine: 768,
    });
    expect(p.find((x) => x.phase === 'Mixed')).toMatchObject({ gcId: 29, cause: 'G1 Preventive Collection', line: 464, endLine: 478 });
    expect(p.filter((x) => x.phase === 'Initial Mark')[0]!.label).toMatch(/^Pause Young \(Concurrent Start\)/);
  });

  it("keeps a concurrent cycle's Remark and Cleanup apart from the cycle", () => {
    const { records } = local('g1-churn-time-uptime.log');
    const g22 = records.filter((r) => r.type !== 'heap-histogram' && r.gcId === 22);
    expect(g22.map((r) => [r.type === 'gc-pause' ? r.phase : (r as GcInfo).kind, r.line, r.endLine])).toEqual([
      ['Remark', 407, 409], ['Cleanup', 443, 445], ['concurrent', 351, 448],
    ]);
    expect(infos(g22 as GcRecord[])[0]).toMatchObject({ message: 'Concurrent Mark Cycle', durationMs: 11.668 });
  });

  it('reads the start-up block: collector and heap capacities', () => {
    expect(infos(local('g1-churn-time-uptime.log').records)[0]).toMatchObject({
      kind: 'collector', message: 'Using G1', collector: 'G1', heapInitialKb: 65536, heapMaxKb: 65536, line: 1, endLine: 19,
    });
    expect(infos(local('parallel-churn.log').records)[0]).toMatchObject({ kind: 'collector', collector: 'Parallel', line: 1, endLine: 16 });
  });

  it('reports the signs of an exhausted heap', () => {
    const { records } = local('g1-leak-oom.log');
    const i = infos(records);
    expect(i.find((x) => x.kind === 'to-space-exhausted')).toMatchObject({ gcId: 15, line: 248, endLine: 248, message: 'To-space exhausted' });
    expect(i.find((x) => x.kind === 'full-compaction')).toMatchObject({ line: 278, message: 'Attempting full compaction' });
    expect(i.find((x) => x.kind === 'concurrent-abort')).toMatchObject({ gcId: 12, line: 298 });
    expect(pauses(records).find((p) => p.phase === 'Full')).toMatchObject({ gcId: 17, cause: 'G1 Compaction Pause', line: 279 });
  });

  it('leaves ts null and keeps the uptime when only uptime is printed', () => {
    const p = pauses(local('serial-leak-uptime-only.log').records);
    expect(p.every((x) => x.ts === null && x.tq === 'none')).toBe(true);
    expect(p[4]).toEqual({
      type: 'gc-pause', ts: null, tq: 'none', uptimeS: 0.085501, pauseMs: 7.499, collector: 'Serial', phase: 'Full', label: 'Pause Full (Allocation Failure)',
      cause: 'Allocation Failure', gcId: 4, heapBeforeKb: 57 * 1024, heapAfterKb: 53 * 1024, heapTotalKb: 61 * 1024, line: 6, endLine: 6,
    });
  });

  it('yields the class histograms around each Full GC (gc+classhisto=trace)', () => {
    const { records } = local('serial-classhisto.log');
    const h = histograms(records);
    expect(h.map((x) => [x.line, x.endLine, x.rows.length, x.total?.bytes])).toEqual([
      [65, 303, 234, 63386472], [304, 542, 234, 20574944], [549, 787, 234, 25992944], [788, 1026, 234, 24267616],
    ]);
    expect(h[0]!.format).toBe('gc-log');
    expect(h[0]!.rows[0]).toEqual({ rank: 1, instances: 29545, bytes: 60290000, className: 'byte[]', rawName: '[B', module: 'java.base@17.0.15', line: 68 });
    expect(h[0]!.rows.find((r) => r.className === 'Alloc$Session')).toMatchObject({ rank: 7, instances: 10408 });
    expect(h[1]!.rows.find((r) => r.className === 'Alloc$Session')).toMatchObject({ rank: 8, instances: 4408 });
    // utctime decoration, uptimemillis, pid and tid decorations.
    expect(pauses(records).find((p) => p.phase === 'Full')).toMatchObject({ gcId: 63, pauseMs: 11.085, ts: at('2026-11-22T03:47:09.201Z') - 11 });
  });

  it('reads JDK 17 safepoint lines as Safepoint pauses that began Total ns earlier', () => {
    const p = pauses(local('g1-safepoint.log').records);
    expect(p[0]).toEqual({
      type: 'gc-pause', ts: at('2026-11-22T03:47:09.338Z') - 1, tq: 'explicit', uptimeS: 0.034583, pauseMs: 1.417435, phase: 'Safepoint',
      label: 'Safepoint "G1CollectForAllocation"', cause: 'G1CollectForAllocation', line: 1, endLine: 1,
    });
    expect(new Set(p.map((x) => x.cause))).toEqual(new Set(['G1CollectForAllocation', 'G1PauseRemark', 'G1PauseCleanup', 'G1CollectFull']));
  });
});

describe('unified logging pasted in issues', () => {
  it('reads a paste that starts inside a pause (eclipse-jifa/jifa#202, uptime decorations)', () => {
    const text = [
      '[488134.852s][info][gc,phases      ] GC(202539)   Pre Evacuate Collection Set: 0.1ms',
      '[488134.852s][info][gc,phases      ] GC(202539)   Evacuate Collection Set: 13.1ms',
      '[488134.852s][info][gc,heap        ] GC(202539) Eden regions: 141->0(141)',
      '[488134.852s][info][gc,metaspace   ] GC(202539) Metaspace: 210952K->210952K(1245184K)',
      '[488134.852s][info][gc             ] GC(202539) Pause Young (Normal) (G1 Evacuation Pause) 11802M->11244M(12288M) 14.560ms',
      '[488134.852s][info][gc,cpu         ] GC(202539) User=0.07s Sys=0.01s Real=0.02s',
      '[488145.868s][info][gc,start       ] GC(202540) Pause Young (Normal) (G1 Evacuation Pause)',
      '[488145.868s][info][gc,task        ] GC(202540) Using 5 workers of 5 for evacuation',
    ].join('\n');
    const { records, skipped } = parseText(gcLogParser, text);
    expect(records).toEqual([
      {
        type: 'gc-pause', ts: null, tq: 'none', uptimeS: 488134.83744, pauseMs: 14.56, phase: 'Young', label: 'Pause Young (Normal) (G1 Evacuation Pause)',
        cause: 'G1 Evacuation Pause', collector: 'G1', gcId: 202539, heapBeforeKb: 11802 * 1024, heapAfterKb: 11244 * 1024, heapTotalKb: 12288 * 1024,
        line: 1, endLine: 6,
      },
      { type: 'gc-info', ts: null, tq: 'none', uptimeS: 488145.868, kind: 'incomplete', message: 'GC(202540) lines without a pause summary', gcId: 202540, line: 7, endLine: 8 },
    ]);
    expect(skipped).toEqual([]);
  });

  it('reads -Xlog:gc only, with JDK 11 "Concurrent Cycle" and a To-space exhausted young pause (garbagecat#194)', () => {
    const text = [
      '[6998.451s][info][gc] GC(132) Pause Young (Normal) (G1 Evacuation Pause) 15227M->5271M(16384M) 130.545ms',
      '[7217.351s][info][gc] GC(134) To-space exhausted',
      '[7217.352s][info][gc] GC(134) Pause Young (Normal) (G1 Evacuation Pause) 16377M->9636M(16384M) 363.664ms',
      '[7217.867s][info][gc] GC(135) Pause Young (Concurrent Start) (G1 Humongous Allocation) 9779M->9660M(16384M) 59.217ms',
      '[7217.868s][info][gc] GC(136) Concurrent Cycle',
      '[7219.261s][info][gc] GC(136) Pause Remark 10236M->8224M(16384M) 635.373ms',
      '[7219.894s][info][gc] GC(136) Pause Cleanup 8776M->8776M(16384M) 1.238ms',
      '[7219.917s][info][gc] GC(136) Concurrent Cycle 2049.007ms',
      '[7224.994s][info][gc] GC(137) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 13840M->7940M(16384M) 44.565ms',
      '[7226.670s][info][gc] GC(138) Pause Young (Mixed) (G1 Evacuation Pause) 8796M->6335M(16384M) 33.503ms',
    ].join('\n');
    const { records, skipped } = parseText(gcLogParser, text);
    expect(records.map((r) => [r.type === 'gc-pause' ? r.phase : (r as GcInfo).kind, r.line, r.endLine])).toEqual([
      ['Young', 1, 1], ['to-space-exhausted', 2, 2], ['Young', 2, 3], ['Initial Mark', 4, 4], ['Remark', 6, 6], ['Cleanup', 7, 7],
      ['concurrent', 5, 8], ['Young', 9, 9], ['Mixed', 10, 10],
    ]);
    expect(pauses(records)[1]).toMatchObject({ gcId: 134, pauseMs: 363.664, uptimeS: 7216.988336, heapBeforeKb: 16377 * 1024, heapTotalKb: 16384 * 1024 });
    expect(infos(records).find((i) => i.kind === 'concurrent')).toMatchObject({ message: 'Concurrent Cycle', durationMs: 2049.007, gcId: 136 });
    expect(skipped).toEqual([]);
  });

  it('pairs JDK 10/11 safepoint lines (garbagecat#124, garbagecat#160 split at its decorations)', () => {
    const jdk10 = '[0.099s][info][safepoint    ] Total time for which application threads were stopped: 0.0001360 seconds, Stopping threads took: 0.0000837 seconds\n' +
      '[0.170s][info][safepoint    ] Application time: 0.0715079 seconds\n';
    const a = parseText(gcLogParser, jdk10);
    expect(a.records).toEqual([
      { type: 'gc-pause', ts: null, tq: 'none', uptimeS: 0.098864, pauseMs: 0.136, phase: 'Safepoint', label: 'Total time for which application threads were stopped', line: 1, endLine: 1 },
      { type: 'gc-info', ts: null, tq: 'none', uptimeS: 0.17, kind: 'other', message: 'safepoint lines without a stop time', line: 2, endLine: 2 },
    ]);
    const jdk11 = [
      '[2021-09-22T10:31:58.206-0500][3736351ms] Entering safepoint region: G1CollectFull',
      '[2021-09-22T10:31:59.087-0500][3737232ms] Leaving safepoint region',
      '[2021-09-22T10:31:59.087-0500][3737232ms] Total time for which application threads were stopped: 0.8815607 seconds, Stopping threads took: 0.0000352 seconds',
    ].join('\n');
    expect(parseText(gcLogParser, jdk11).records).toEqual([
      {
        type: 'gc-pause', ts: at('2021-09-22T15:31:58.206Z'), tq: 'explicit', uptimeS: 3736.351, pauseMs: 881.5607, phase: 'Safepoint',
        label: 'Total time for which application threads were stopped', cause: 'G1CollectFull', line: 1, endLine: 3,
      },
    ]);
  });
});

describe('JDK 8 PrintGCDetails logs', () => {
  it('reads the Kafka G1 log (elastic/examples) prefix: every pause, nothing skipped', () => {
    const { records, skipped } = parseFixture(gcLogParser, KAFKA);
    expect(tally(records)).toEqual({
      'info:collector': 1, 'pause:Young': 268, 'pause:Initial Mark': 3, 'pause:Mixed': 3, 'pause:Remark': 3, 'pause:Cleanup': 3, 'info:concurrent': 7,
    });
    expect(skipped).toEqual([]);
    expect(unaccountedLines(readText(KAFKA), records, skipped)).toEqual([]);
  });

  it('folds G1 details into the pause and reads Heap: before(total)->after(total)', () => {
    const { records } = parseFixture(gcLogParser, KAFKA);
    const p = pauses(records);
    expect(p[0]).toEqual({
      type: 'gc-pause', ts: at('2016-12-19T15:31:46.725Z'), tq: 'explicit', uptimeS: 1.595, pauseMs: 9.6173, collector: 'G1', phase: 'Young',
      label: 'GC pause (G1 Evacuation Pause) (young)', cause: 'G1 Evacuation Pause', heapBeforeKb: 51 * 1024, heapAfterKb: 7888, heapTotalKb: 1024 * 1024,
      line: 4, endLine: 30,
    });
    expect(p.find((x) => x.phase === 'Initial Mark')).toMatchObject({ line: 139, cause: 'Metadata GC Threshold', pauseMs: 6.3478 });
    expect(p.find((x) => x.phase === 'Remark')).toMatchObject({ line: 170, endLine: 171, label: 'GC remark', pauseMs: 19.586 });
    expect(p.find((x) => x.phase === 'Cleanup')).toMatchObject({ line: 172, endLine: 173, pauseMs: 1.3005, heapBeforeKb: 135 * 1024, heapTotalKb: 1024 * 1024 });
    expect(p.find((x) => x.phase === 'Mixed')).toMatchObject({ line: 7347, ts: at('2016-12-19T19:54:38.296Z'), pauseMs: 51.8043 });
    expect(Math.max(...p.map((x) => x.pauseMs))).toBe(387.4752); // the young pause at line 5555
    expect(p.find((x) => x.line === 7314)).toMatchObject({ phase: 'Remark', pauseMs: 386.2992 });
  });

  it('reads the JVM header and the concurrent phases with their durations', () => {
    const i = infos(parseFixture(gcLogParser, KAFKA).records);
    expect(i[0]).toMatchObject({ kind: 'collector', collector: 'G1', heapInitialKb: 1048576, heapMaxKb: 1048576, line: 1, endLine: 3 });
    expect(i.filter((x) => x.kind === 'concurrent').slice(0, 2)).toEqual([
      { type: 'gc-info', ts: at('2016-12-19T15:31:48.890Z'), tq: 'explicit', uptimeS: 3.761, kind: 'concurrent', message: 'concurrent root-region-scan',
        collector: 'G1', durationMs: 4.5281, line: 166, endLine: 167 },
      { type: 'gc-info', ts: at('2016-12-19T15:31:48.895Z'), tq: 'explicit', uptimeS: 3.765, kind: 'concurrent', message: 'concurrent mark',
        collector: 'G1', durationMs: 13.4409, line: 168, endLine: 169 },
    ]);
  });

  it('yields the histogram embedded in the garbagecat Full GC record, and the ParNew pause before it', () => {
    const { records, skipped } = parseFixture(gcLogParser, GARBAGECAT);
    expect(pauses(records)).toEqual([{
      type: 'gc-pause', ts: at('2016-01-01T05:54:00.448Z'), tq: 'explicit', uptimeS: 11655.907, pauseMs: 534.186, collector: 'ParNew', phase: 'Young',
      label: 'GC', heapBeforeKb: 3353116, heapAfterKb: 2860003, heapTotalKb: 7848704, line: 1, endLine: 10,
    }]);
    const [h] = histograms(records);
    expect(h).toMatchObject({ format: 'gc-log', line: 12, endLine: 18, elided: true, total: { instances: 21233102, bytes: 1476369432 } });
    expect(h!.rows.map((r) => [r.rank, r.className, r.bytes])).toEqual([[1, 'char[]', 876131272], [2, 'java.lang.String', 266452736], [3, '<constMethodKlass>', 240458680]]);
    // The paste ends inside the Full GC record: it is reported, without inventing a duration.
    expect(infos(records)).toEqual([{
      type: 'gc-info', ts: at('2016-01-01T05:54:06.773Z'), tq: 'explicit', uptimeS: 11662.232, kind: 'incomplete',
      message: 'Full GC (record cut short: no pause time)', line: 11, endLine: 19,
    }]);
    expect(skipped).toEqual([]);
  });

  it('reads Parallel Full GCs (chewiebug/GCViewer#161) and a Serial GC between stop-time lines (bingoogolapple#179)', () => {
    const parallel = '2016-02-09T00:30:52.886-0500: 1700.401: [Full GC (Ergonomics) [PSYoungGen: 226816K->8237K(289792K)] [ParOldGen: 696487K->697709K(699392K)] 923303K->705947K(989184K), [Metaspace: 85673K->85673K(1126400K)], 7.2680812 secs] [Times: user=14.18 sys=0.01, real=7.27 secs] ';
    expect(parseText(gcLogParser, parallel).records).toEqual([{
      type: 'gc-pause', ts: at('2016-02-09T05:30:52.886Z'), tq: 'explicit', uptimeS: 1700.401, pauseMs: 7268.0812, collector: 'Parallel', phase: 'Full',
      label: 'Full GC (Ergonomics)', cause: 'Ergonomics', heapBeforeKb: 923303, heapAfterKb: 705947, heapTotalKb: 989184, line: 1, endLine: 1,
    }]);
    const serial = [
      'CommandLine flags: -XX:InitialHeapSize=2147483648 -XX:MaxHeapSize=2147483648 -XX:+PrintGC -XX:+PrintGCApplicationConcurrentTime -XX:+PrintGCApplicationStoppedTime -XX:+PrintGCDateStamps -XX:+PrintGCDetails -XX:+PrintGCTimeStamps -XX:ThreadStackSize=256 -XX:+UseCompressedClassPointers -XX:+UseCompressedOops -XX:+UseSerialGC ',
      '2017-07-27T14:05:34.759-0800: 2.153: Application time: 2.0478404 seconds',
      '2017-07-27T14:05:34.759-0800: 2.154: [GC (Allocation Failure) 2017-07-27T14:05:34.759-0800: 2.154: [DefNew: 559232K->69888K(629120K), 0.5654366 secs] 559232K->527812K(2027264K), 0.5655721 secs] [Times: user=0.19 sys=0.30, real=0.57 secs] ',
      '2017-07-27T14:05:35.325-0800: 2.719: Total time for which application threads were stopped: 0.5657692 seconds, Stopping threads took: 0.0000180 seconds',
    ].join('\n');
    const { records, skipped } = parseText(gcLogParser, serial);
    expect(records.map((r) => [r.type, r.type === 'gc-pause' ? r.phase : (r as GcInfo).kind, r.line, r.endLine])).toEqual([
      ['gc-info', 'collector', 1, 1], ['gc-pause', 'Young', 3, 3], ['gc-pause', 'Safepoint', 2, 4],
    ]);
    expect(pauses(records)[0]).toMatchObject({ collector: 'Serial', cause: 'Allocation Failure', pauseMs: 565.5721, heapBeforeKb: 559232, heapAfterKb: 527812 });
    expect(pauses(records)[1]).toMatchObject({ ts: at('2017-07-27T22:05:34.759Z'), uptimeS: 2.153, pauseMs: 565.7692 });
    expect(infos(records)[0]).toMatchObject({ collector: 'Serial', heapMaxKb: 2097152 });
    expect(skipped).toEqual([]);
  });

  it('reads a Parallel young collection (guevara/read-it-later#4735, HTML entities decoded)', () => {
    const text = '2018-12-27T22:28:51.669+0800: 6306.505: [GC (Allocation Failure) [PSYoungGen: 615953K->3089K(660992K)] 756368K->143664K(2059264K), 0.0178418 secs] [Times: user=0.03 sys=0.01, real=0.02 secs]';
    expect(parseText(gcLogParser, text).records).toEqual([{
      type: 'gc-pause', ts: at('2018-12-27T14:28:51.669Z'), tq: 'explicit', uptimeS: 6306.505, pauseMs: 17.8418, collector: 'Parallel', phase: 'Young',
      label: 'GC (Allocation Failure)', cause: 'Allocation Failure', heapBeforeKb: 756368, heapAfterKb: 143664, heapTotalKb: 2059264, line: 1, endLine: 1,
    }]);
  });

  it('reads a G1 mixed pause with to-space exhausted and folds its details (garbagecat#57)', () => {
    const text = [
      '506146.808: [GC pause (G1 Evacuation Pause) (mixed) (to-space exhausted), 8.6429024 secs]',
      '   [Parallel Time: 1043.3 ms, GC Workers: 10]',
      '      [GC Worker Start (ms): Min: 506146816.5, Avg: 506146816.6, Max: 506146816.7, Diff: 0.2]',
      '   [Other: 7595.5 ms]',
      '      [Evacuation Failure: 7551.4 ms]',
    ].join('\n');
    const { records } = parseText(gcLogParser, text);
    expect(records.map((r) => [r.type, r.type === 'gc-pause' ? r.phase : (r as GcInfo).kind, r.line, r.endLine])).toEqual([
      ['gc-pause', 'Mixed', 1, 5], ['gc-info', 'to-space-exhausted', 1, 5],
    ]);
    expect(pauses(records)[0]).toMatchObject({ ts: null, uptimeS: 506146.808, pauseMs: 8642.9024, collector: 'G1', cause: 'G1 Evacuation Pause', label: 'GC pause (G1 Evacuation Pause) (mixed) (to-space exhausted)' });
  });

  it('reads a CMS cycle (LinkedInAttic/naarad#312): initial mark, concurrent phases, final remark', () => {
    const text = [
      '2015-02-13T18:11:59.494+0000: 81698.230: [GC (CMS Initial Mark) [1 CMS-initial-mark: 7146785K(8388608K)] 8430222K(19713280K), 0.1652645 secs] [Times: user=2.89 sys=0.00, real=0.16 secs]',
      '2015-02-13T18:11:59.660+0000: 81698.396: [CMS-concurrent-mark-start]',
      '2015-02-13T18:12:03.732+0000: 81702.468: [CMS-concurrent-mark: 4.008/4.072 secs] [Times: user=28.57 sys=1.24, real=4.07 secs]',
      '2015-02-13T18:12:03.758+0000: 81702.494: [GC (CMS Final Remark) [YG occupancy: 11081913 K (11324672 K)]81702.494: [Rescan (parallel) , 0.8135453 secs]81703.308: [weak refs processing, 0.0003257 secs]81703.308: [class unloading, 0.0504717 secs]81703.359: [scrub symbol table, 0.0050806 secs]81703.364: [scrub string table, 0.0008752 secs][1 CMS-remark: 7146785K(8388608K)] 18228698K(19713280K), 0.8785469 secs] [Times: user=14.59 sys=0.01, real=0.88 secs]',
      '2015-02-13T18:12:04.637+0000: 81703.373: [CMS-concurrent-sweep-start]',
    ].join('\n');
    const { records, skipped } = parseText(gcLogParser, text);
    expect(pauses(records).map((p) => [p.phase, p.collector, p.cause, p.pauseMs, p.heapBeforeKb, p.heapTotalKb])).toEqual([
      ['Initial Mark', 'CMS', 'CMS Initial Mark', 165.2645, 8430222, 19713280],
      ['Remark', 'CMS', 'CMS Final Remark', 878.5469, 18228698, 19713280],
    ]);
    expect(infos(records).map((i) => [i.kind, i.message, i.durationMs, i.line, i.endLine])).toEqual([
      ['concurrent', 'concurrent mark', 4072, 2, 3],
      ['concurrent', 'concurrent sweep (no end line)', undefined, 5, 5],
    ]);
    expect(skipped).toEqual([]);
  });

  it('reads a ParNew collection that fell back to CMS as a Full pause with a concurrent mode failure (garbagecat#11, unwrapped)', () => {
    const text = '5075.405: [GC 5075.405: [ParNew: 261760K->261760K(261952K), 0.0000750 secs]5075.405: [CMS5081.144: [CMS-concurrent-preclean: 14.653/31.189 secs] (concurrent mode failure): 1796901K->1078231K(1835008K), 96.6130290 secs] 2058661K->1078231K(2096960K) icms_dc=100 , 96.6140400 secs]';
    const { records } = parseText(gcLogParser, text);
    expect(records).toEqual([
      {
        type: 'gc-pause', ts: null, tq: 'none', uptimeS: 5075.405, pauseMs: 96614.04, collector: 'CMS', phase: 'Full', label: 'GC',
        heapBeforeKb: 2058661, heapAfterKb: 1078231, heapTotalKb: 2096960, line: 1, endLine: 1,
      },
      { type: 'gc-info', ts: null, tq: 'none', uptimeS: 5075.405, kind: 'concurrent-mode-failure', message: text.slice('5075.405: '.length), line: 1, endLine: 1 },
    ]);
  });

  it('folds a ParNew age table and reports a record cut before its duration (Netflix/spectator#339)', () => {
    const text = [
      '2016-10-25T22:49:23.629+0000: 16452.401: [GC (Allocation Failure) 2016-10-25T22:49:23.630+0000: 16452.402: [ParNew',
      'Desired survivor size 1150402560 bytes, new threshold 6 (max 6)',
      '- age   1:  224363928 bytes,  224363928 total',
      '- age   2:   19589984 bytes,  243953912 total',
      ': 18505107K->515575K(19473600K), 0.1346051 s',
    ].join('\n');
    expect(parseText(gcLogParser, text).records).toEqual([{
      type: 'gc-info', ts: at('2016-10-25T22:49:23.629Z'), tq: 'explicit', uptimeS: 16452.401, kind: 'incomplete',
      message: 'GC (Allocation Failure) (record cut short: no pause time)', collector: 'ParNew', line: 1, endLine: 5,
    }]);
  });

  it('reports OutOfMemoryError and GC overhead lines mixed into the log, and skips what it does not know', () => {
    const text = '   orphan continuation\njava.lang.OutOfMemoryError: GC overhead limit exceeded\nDumping heap to java_pid1234.hprof ...\n';
    const { records, skipped } = parseText(gcLogParser, text);
    expect(infos(records).map((i) => i.kind)).toEqual(['gc-overhead-limit', 'out-of-memory']);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, 'continuation line without a GC record above it'],
      [3, 'not a GC log line'],
    ]);
  });
});

describe('gcLogParser robustness', () => {
  it('never throws and accounts for every line, whatever the input', () => {
    const piece = fc.constantFrom(
      '[0.037s][info][gc,start    ] GC(0) Pause Young (Normal) (G1 Evacuation Pause)',
      '[0.038s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 6M->1M(64M) 0.984ms',
      '[0.038s][info][gc,cpu      ] GC(0) User=0.00s Sys=0.00s Real=0.00s',
      '[0.137s][info][gc          ] GC(1) Concurrent Mark Cycle', '[0.149s][info][gc          ] GC(1) Concurrent Mark Cycle 11.668ms',
      '[0.002s][info][gc] Using G1', '[0.1s][trace][gc,classhisto,start] Class Histogram (before full gc)',
      '[0.1s][trace][gc,classhisto] GC(2)    1:   5   80  [B (java.base@17)', '[0.1s][info][safepoint] Application time: 0.1 seconds',
      '2016-12-19T16:31:46.725+0100: 1.595: [GC pause (G1 Evacuation Pause) (young), 0.0096173 secs]', '   [Eden: 51.0M(51.0M)->0.0B(44.0M) Heap: 1M(2M)->1M(2M)]',
      '1.0: [Full GC 1.0: [Class Histogram:', ' num     #instances         #bytes  class name', '   1:  5 80 [C', 'Total 5 80', ', 1.0 secs]',
      '1.2: [CMS-concurrent-mark-start]', '1.2: Application time: 0.5 seconds', 'Heap', '{Heap before GC invocations=1 (full 0):', '}', '',
      '1.3: Total time for which application threads were stopped: 0.0001 seconds, Stopping threads took: 0.0 seconds',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 40 })), { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const { records, skipped } = parseText(gcLogParser, text);
        expect(unaccountedLines(text, records as GcRecord[], skipped)).toEqual([]);
        for (const p of pauses(records as GcRecord[])) expect(Number.isFinite(p.pauseMs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffGcLog', () => {
  it('claims the JDK 8 logs', () => {
    expect(gcLogParser.sniff(sniffInput(KAFKA))).toMatchObject({ kind: 'gc-log', confidence: 0.95 });
    expect(gcLogParser.sniff(sniffInput(GARBAGECAT))).toMatchObject({ kind: 'gc-log', confidence: 0.95 });
  });

  it('leaves GC lines mixed into an application log to the log parser', () => {
    const lines = [
      '2026-11-22 02:55:30.101  INFO 7 --- [           main] c.e.Api                                  : Started Api in 3.2 seconds',
      '[2026-11-22T02:55:31.004+0000][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(64M) 3.456ms',
      '2026-11-22 02:55:32.250  WARN 7 --- [nio-8080-exec-1] c.z.h.p.HikariPool                       : HikariPool-1 - Thread starvation or clock leap detected',
      '2026-11-22 02:55:33.250 ERROR 7 --- [nio-8080-exec-2] o.h.e.j.s.SqlExceptionHelper             : Connection is not available',
    ];
    expect(gcLogParser.sniff({ name: 'app.log', lines })!.confidence).toBeLessThan(0.3);
  });

  it.each(corpusFiles(['hikari', 'jstack', 'goroutine', 'lsof', 'ss', 'pino']).concat(corpusFiles(['heap']).filter((f) => !f.includes('garbagecat'))))(
    'does not claim %s',
    (rel) => {
      expect(gcLogParser.sniff(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
    },
  );
});
