import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseFixture, parseText } from '../../test/support/parse-fixture';
import type { SnapshotMeta } from '../types';
import type { HeapHistogram, JmapRecord, MatSuspect } from './model';
import { jmapParser } from './parser';
import { corpusFiles, readText, sniffInput, unaccountedLines } from './test-helpers';

const HEAP = 'corpus/heap/';
const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;

const histograms = (rs: JmapRecord[]) => rs.filter((r): r is HeapHistogram => r.type === 'heap-histogram');
const snapshots = (rs: JmapRecord[]) => rs.filter((r): r is SnapshotMeta => r.type === 'snapshot');
const suspects = (rs: JmapRecord[]) => rs.filter((r): r is MatSuspect => r.type === 'mat-suspect');

interface HistoCase {
  file: string;
  format: HeapHistogram['format'];
  rows: number;
  first: Partial<HeapHistogram['rows'][number]>;
  total?: { instances: number; bytes: number };
  elided: boolean;
  pid?: number;
  skipped: number;
}

const HISTO_CASES: HistoCase[] = [
  {
    file: 'issue-graylog-4708-jdk10-histo-module-column-indented.txt', format: 'jmap', rows: 12, elided: false, pid: 17151, skipped: 0,
    first: { rank: 1, instances: 1311300, bytes: 165611968, className: 'byte[]', rawName: '[B', module: 'java.base@10' },
  },
  {
    file: 'issue-hazelcast-13291-jdk7-class-histogram-pid-header.txt', format: 'jmap', rows: 15, elided: false, pid: 16158, skipped: 1,
    first: { rank: 1, instances: 12369, bytes: 1688872, className: '<methodKlass>' },
  },
  {
    file: 'issue-heapSpank-13-histo-with-elisions.txt', format: 'jmap', rows: 4, elided: true, skipped: 0, // ranks 1-3 and 7
    first: { rank: 1, instances: 1134597, bytes: 5834904800, className: 'byte[]' },
  },
  {
    file: 'issue-plog-97-jmap-F-histo-sa-tab-separated.txt', format: 'jmap-sa', rows: 24, elided: false, pid: 20962, skipped: 0,
    first: { rank: 1, instances: 317799, bytes: 12711960, className: 'java.util.PriorityQueue$Itr' },
  },
  {
    file: 'issue-java-buildpack-500-jvmkill-histogram-cf-prefixed.txt', format: 'jvmkill', rows: 6, elided: false, skipped: 1,
    first: { rank: 1, instances: 282766, bytes: 49997496, className: 'char[]', rawName: '[C' },
  },
];

describe('jmapParser on the heap corpus', () => {
  it.each(HISTO_CASES)('$file: one histogram with the right rows', (c) => {
    const { records, skipped } = parseFixture(jmapParser, HEAP + c.file);
    const [h, ...more] = histograms(records);
    expect(more).toHaveLength(0);
    expect(h!.format).toBe(c.format);
    expect(h!.rows).toHaveLength(c.rows);
    expect(h!.rows[0]).toMatchObject(c.first);
    expect(h!.elided).toBe(c.elided);
    expect(h!.total).toEqual(c.total);
    expect(h!.rows.every((r, i) => i === 0 || r.rank > h!.rows[i - 1]!.rank)).toBe(true);
    const [snap] = snapshots(records);
    expect(snap!.pid).toBe(c.pid);
    expect(skipped).toHaveLength(c.skipped);
    expect(unaccountedLines(readText(HEAP + c.file), records, skipped)).toEqual([]);
  });

  it('reads JDK 10 module columns and keeps the raw JVM name', () => {
    const h = histograms(parseFixture(jmapParser, HEAP + HISTO_CASES[0]!.file).records)[0]!;
    expect(h.rows[1]).toMatchObject({
      rank: 2, instances: 427903, bytes: 34915848, className: 'java.util.HashMap$Node[]', rawName: '[Ljava.util.HashMap$Node;', module: 'java.base@10',
    });
    expect(h.rows.slice(0, 11).every((r) => r.module === 'java.base@10')).toBe(true);
    // The paste was cut inside row 12's class name: what is there is kept as printed.
    expect(h.rows[11]).toMatchObject({ rank: 12, instances: 68008, bytes: 8705024, className: 'org.j', rawName: 'org.j' });
  });

  it('keeps SA pseudo-classes and Java-syntax names from jmap -F', () => {
    const h = histograms(parseFixture(jmapParser, HEAP + 'issue-plog-97-jmap-F-histo-sa-tab-separated.txt').records)[0]!;
    expect(h.rows[3]).toMatchObject({ rank: 4, instances: 39828, bytes: 5107344, className: '* MethodKlass' });
    expect(h.rows[11]).toMatchObject({ rank: 12, className: '* System ObjArray' });
    expect(h.rows[23]).toMatchObject({ rank: 24, instances: 126, bytes: 39232, className: 'java.util.concurrent.ConcurrentHashMap$HashEntry[]' });
    expect(snapshots(parseFixture(jmapParser, HEAP + 'issue-plog-97-jmap-F-histo-sa-tab-separated.txt').records)[0]!.command).toBe('jmap -F -histo 20962');
  });

  it('ranks the reordered jvmkill rows by bytes and reads the Cloud Foundry stamp as the capture time', () => {
    const { records, skipped } = parseFixture(jmapParser, HEAP + 'issue-java-buildpack-500-jvmkill-histogram-cf-prefixed.txt');
    const h = histograms(records)[0]!;
    expect(h.rows.map((r) => r.className)).toEqual([
      'char[]', 'jdk.nashorn.internal.runtime.CompiledFunction', 'jdk.nashorn.internal.runtime.ScriptFunction', 'java.lang.String',
      'java.util.LinkedList$Node', 'java.util.HashMap$Node',
    ]);
    expect(h.rows.map((r) => r.bytes)).toEqual([49997496, 8444960, 7316120, 6707424, 5754360, 3889664]);
    expect(snapshots(records)[0]).toMatchObject({ capturedAt: Date.parse('2017-11-28T00:25:39.580Z'), timeSource: 'header', tq: 'explicit' });
    expect(skipped[0]!.line).toBe(8); // the paste was cut inside the last line's prefix
  });

  it('reports the JDK 7 row cut in half instead of inventing numbers', () => {
    const { records, skipped } = parseFixture(jmapParser, HEAP + 'issue-hazelcast-13291-jdk7-class-histogram-pid-header.txt');
    expect(skipped).toEqual([{ type: 'skipped', line: 21, offset: 889, reason: 'histogram row cut short' }]);
    expect(histograms(records)[0]!.rows.at(-1)).toMatchObject({ rank: 15, className: 'java.lang.Object[]', rawName: '[Ljava.lang.Object;' });
  });

  it('parses the histogram embedded in the garbagecat GC log when asked to (the GC parser owns that file)', () => {
    const h = histograms(parseFixture(jmapParser, HEAP + 'issue-garbagecat-50-printclasshistogram-in-gc-log.txt').records)[0]!;
    expect(h.rows).toHaveLength(3);
    expect(h.total).toEqual({ instances: 21233102, bytes: 1476369432 });
    expect(h.elided).toBe(true);
  });
});

describe('jmapParser on real JDK 17 output (parsers/jmap/__fixtures__, made by make-fixtures.sh)', () => {
  it('reads a complete jmap -histo:live table with its Total line', () => {
    const text = readFileSync(LOCAL + 'jdk17-jmap-histo-live.txt');
    const { records, skipped } = parseBytes(jmapParser, text, 'jdk17-jmap-histo-live.txt');
    const h = histograms(records)[0]!;
    expect(h.rows).toHaveLength(244);
    expect(h.total).toEqual({ instances: 48857, bytes: 2753224 });
    expect(h.rows.reduce((s, r) => s + r.bytes, 0)).toBe(2753224);
    expect(h.rows.find((r) => r.className === 'Alloc$Session')).toMatchObject({
      rank: 9, instances: 3000, bytes: 72000, className: 'Alloc$Session', rawName: 'Alloc$Session',
    });
    expect(h.rows[0]).toMatchObject({ className: 'byte[]', module: 'java.base@17.0.15' });
    expect(skipped).toEqual([]);
    expect(unaccountedLines(text.toString('utf8'), records, skipped)).toEqual([]);
  });

  it('reads the pid line jcmd prints above GC.class_histogram', () => {
    const { records, skipped } = parseBytes(jmapParser, readFileSync(LOCAL + 'jdk17-jcmd-class-histogram.txt'), 'x.txt');
    expect(snapshots(records)).toEqual([{ type: 'snapshot', capturedAt: null, timeSource: null, line: 1, pid: 12345 }]);
    expect(histograms(records)[0]).toMatchObject({ line: 1, endLine: 248 });
    expect(skipped).toEqual([]);
  });
});

describe('MAT leak suspects', () => {
  it('reads locale numbers with spaces and a decimal comma', () => {
    const { records, skipped } = parseFixture(jmapParser, HEAP + 'issue-CodeGlance-10-mat-leak-suspects-locale-spaces-commas.txt');
    const s = suspects(records);
    expect(s.map((x) => [x.index, x.bytes, x.percent, x.instances, x.className])).toEqual([
      [1, 116728552, 14.87, 1, 'net.vektah.codeglance.GlancePanel'],
      [2, 116728440, 14.87, 1, 'net.vektah.codeglance.GlancePanel'],
    ]);
    expect(s[0]!.keywords).toEqual([
      'com.intellij.ide.plugins.cl.PluginClassLoader @ 0x17381348', 'net.vektah.codeglance.GlancePanel', 'net.vektah.codeglance.render.Minimap[]',
    ]);
    expect(s[1]).toMatchObject({ line: 9, endLine: 15 });
    expect(skipped).toEqual([]);
  });

  it('reads suspects without headings: a class, and instances of a class', () => {
    const file = HEAP + 'issue-UIL-1121-mat-leak-suspects-report.txt';
    const { records, skipped } = parseFixture(jmapParser, file);
    const s = suspects(records);
    expect(s.map((x) => [x.index, x.bytes, x.percent, x.instances, x.className])).toEqual([
      [1, 3121544, 12.79, undefined, 'com.nostra13.universalimageloader.core.ImageLoader'],
      [2, 5223416, 21.4, 60444, 'java.lang.String'],
      [3, 5223416, 21.4, 60444, 'java.lang.String'],
    ]);
    expect(s[0]!.text).toMatch(/^The class "com\.nostra13.*accumulated in one instance of "java\.util\.LinkedHashMap"/);
    expect(snapshots(records)).toHaveLength(1);
    expect(unaccountedLines(readText(file), records, skipped)).toEqual([]);
  });
});

describe('jmapParser streams', () => {
  it('splits a collector loop into one snapshot per table, with the capture headers', () => {
    const text = [
      '# captured 2026-11-22T02:55:30Z host=web-1 pid=4242 cmd=jmap -histo 4242',
      ' num     #instances         #bytes  class name (module)',
      '-------------------------------------------------------',
      '   1:         13280        1247536  [B (java.base@17.0.15)',
      'Total         13280        1247536',
      'Sun Nov 22 03:00:30 UTC 2026',
      '4242:',
      ' num     #instances         #bytes  class name (module)',
      '-------------------------------------------------------',
      '   1:         26280        2247536  [B (java.base@17.0.15)',
      '   2:            10            160  Alloc$Session',
      'Total         26290        2247696',
    ].join('\n');
    const { records, skipped } = parseText(jmapParser, text);
    expect(records.map((r) => [r.type, r.line])).toEqual([
      ['snapshot', 1], ['heap-histogram', 1], ['snapshot', 6], ['heap-histogram', 6],
    ]);
    const [s1, s2] = snapshots(records);
    expect(s1).toMatchObject({ capturedAt: Date.UTC(2026, 10, 22, 2, 55, 30), timeSource: 'header', tq: 'explicit', host: 'web-1', pid: 4242 });
    expect(s2).toMatchObject({ capturedAt: Date.UTC(2026, 10, 22, 3, 0, 30), timeSource: 'header', pid: 4242 });
    expect(histograms(records).map((h) => [h.rows.length, h.total?.bytes, h.endLine])).toEqual([[1, 1247536, 5], [2, 2247696, 12]]);
    expect(skipped).toEqual([]);
  });

  it('keeps the SA epilogue inside the table and reports stray lines', () => {
    const text = 'hello\nObject Histogram:\n\nnum \t  #instances\t#bytes\tClass description\n1:\t\t5\t80\tchar[]\nTotal : \t5\t80\nHeap traversal took 0.1 seconds.\n';
    const { records, skipped } = parseText(jmapParser, text);
    expect(histograms(records)[0]).toMatchObject({ format: 'jmap-sa', line: 1, endLine: 7, total: { instances: 5, bytes: 80 } });
    expect(skipped).toEqual([]);
    expect(parseText(jmapParser, 'just a line\n').skipped).toHaveLength(1);
  });

  it('never throws and accounts for every line, whatever the input', () => {
    const piece = fc.constantFrom(
      ' num     #instances         #bytes  class name', '   1:   5   80  [C', '   2:  3 ', 'Total  5 80', '...', '| 1 | 2 | [B |',
      '| Instance Count | Total Bytes | Class Name |', 'Problem Suspect 1', 'One instance of "a.B" occupies 1 234 (5,5%) bytes.', 'Keywords',
      '', '16158:', '2017-11-27T16:25:39.58-0800 [APP/PROC/WEB/0] OUT | 9 | 8 | Lx/Y; |', '# captured 2026-11-22T02:55:30Z',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 40 })), { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        const { records, skipped } = parseText(jmapParser, text);
        expect(unaccountedLines(text, records as JmapRecord[], skipped)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffJmap', () => {
  it.each([
    ['issue-CodeGlance-10-mat-leak-suspects-locale-spaces-commas.txt', 0.9],
    ['issue-UIL-1121-mat-leak-suspects-report.txt', 0.9],
    ['issue-graylog-4708-jdk10-histo-module-column-indented.txt', 0.95],
    ['issue-hazelcast-13291-jdk7-class-histogram-pid-header.txt', 0.95],
    ['issue-heapSpank-13-histo-with-elisions.txt', 0.95],
    ['issue-java-buildpack-500-jvmkill-histogram-cf-prefixed.txt', 0.9],
    ['issue-plog-97-jmap-F-histo-sa-tab-separated.txt', 0.95],
  ])('claims %s', (file, confidence) => {
    expect(jmapParser.sniff(sniffInput(HEAP + file))).toMatchObject({ kind: 'jmap-histo', confidence });
  });

  it('leaves the GC log with an embedded histogram to the GC parser', () => {
    expect(jmapParser.sniff(sniffInput(HEAP + 'issue-garbagecat-50-printclasshistogram-in-gc-log.txt'))).toBeNull();
  });

  it.each(corpusFiles(['hikari', 'jstack', 'goroutine', 'lsof', 'ss', 'pino', 'gc']))('does not claim %s', (rel) => {
    expect(jmapParser.sniff(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
  });
});
