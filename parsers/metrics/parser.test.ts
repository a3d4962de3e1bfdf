import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBytes, parseText, utcTime } from '../../test/support/parse-fixture';
import { corpusFiles, sniffInput, unaccountedLines } from '../jmap/test-helpers';
import { parseRow, type Delimiter } from './csv-line';
import type { MetricPoint } from './model';
import { metricsCsvParser } from './parser';
import { parseTimeCell } from './times';
import { parseCellValue } from './values';

const LOCAL = new URL('./__fixtures__/', import.meta.url).pathname;

function local(file: string) {
  const bytes = readFileSync(LOCAL + file);
  return { ...parseBytes(metricsCsvParser, bytes, file), text: bytes.toString('utf8') };
}

/** Points per series, in first-seen order. */
function bySeries(points: MetricPoint[]): [string, number][] {
  const m = new Map<string, number>();
  for (const p of points) m.set(p.series, (m.get(p.series) ?? 0) + 1);
  return [...m];
}

const LOAD1 = 'node_load1{instance="127.0.0.1:19100", job="node"}';

describe('metricsCsvParser on real exports (see __fixtures__/PROVENANCE.md)', () => {
  it.each([
    // file, series and point counts, lines that are header / `sep=` lines (not data), skipped lines
    ['grafana5-columns-mpawlik-CloudFunctionOptimizer-head.csv', [['1024', 8], ['128', 8], ['2048', 8], ['256', 8], ['512', 8]], [1], []],
    ['grafana5-columns-excel-TenSt-goldfish-model-head.csv',
      [['C.MeteoST_bme280', 8], ['C.Gas_boiler_supply', 8], ['C.Kitchen_temp', 8], ['C.MeteoST_ds18b20', 8]], [1, 2], [3]],
    ['grafana5-series-rows-quoted-Carditis-Varmelager-head.csv', [['Probe-1', 8]], [1], []],
    ['grafana4-series-rows-heekof-Forecasting-ANN-head.csv', [['net.out_packets_sec.value(device=eth0,hostname=mini-mon,service=monitoring,)', 6]], [1], []],
    ['prometheus-query-csv-robustperception-blog.csv', [
      ['{instance="demo.robustperception.io:9093", job="alertmanager"}', 1], ['{instance="demo.robustperception.io:9090", job="prometheus"}', 1],
      ['{instance="demo.robustperception.io:9100", job="node"}', 1], ['{instance="demo.robustperception.io:9091", job="pushgateway"}', 1],
    ], [1], []],
    ['prometheus-query-csv-node-load1.csv', [[LOAD1, 11]], [1], []],
    ['prometheus-query-csv-cpu-busy-no-name.csv', [['{instance="127.0.0.1:19100"}', 11]], [1], []],
    ['grafana7-joined-by-time-raw.csv', [[LOAD1, 11], ['{instance="127.0.0.1:19100"}', 11]], [1], []],
    ['grafana7-joined-formatted-excel.csv', [['node_memory_MemAvailable_bytes{instance="127.0.0.1:19100", job="node"} (bytes)', 11]], [1, 2], []],
  ] as [string, [string, number][], number[], number[]][])('%s', (file, series, headerLines, skippedLines) => {
    const { records, skipped, text } = local(file);
    expect(bySeries(records)).toEqual(series);
    expect(skipped.map((s) => s.line)).toEqual(skippedLines);
    expect(unaccountedLines(text, records, skipped)).toEqual(headerLines);
    expect(metricsCsvParser.sniff({ name: file, lines: text.split(/\r?\n/) })).toMatchObject({ kind: 'csv', confidence: 0.95 });
  });

  it('reads Grafana 5 columns: ISO times, numeric column names, every cell a point', () => {
    const { records } = local('grafana5-columns-mpawlik-CloudFunctionOptimizer-head.csv');
    expect(records.slice(0, 2)).toEqual([
      { type: 'metric', series: '1024', ts: Date.UTC(2017, 7, 15, 18, 30), tq: 'explicit', value: 11.978747331666668, line: 2 },
      { type: 'metric', series: '128', ts: Date.UTC(2017, 7, 15, 18, 30), tq: 'explicit', value: 44.229712098875, line: 2 },
    ]);
    expect(records.at(-1)).toMatchObject({ series: '512', ts: Date.UTC(2017, 7, 15, 22, 0), value: 18.853732324416665, line: 9 });
  });

  it('keeps null cells as null points and reads +02:00 times', () => {
    const goldfish = local('grafana5-columns-excel-TenSt-goldfish-model-head.csv');
    expect(goldfish.records.filter((p) => p.line === 4).map((p) => [p.series, p.value])).toEqual([
      ['C.MeteoST_bme280', null], ['C.Gas_boiler_supply', 37.6], ['C.Kitchen_temp', 19.7], ['C.MeteoST_ds18b20', null],
    ]);
    expect(goldfish.records[0]!.ts).toBe(Date.UTC(2019, 0, 15, 12, 10));
    expect(goldfish.skipped[0]!.reason).toBe('row has 1 fields, the header 5');
    const probe = local('grafana5-series-rows-quoted-Carditis-Varmelager-head.csv').records;
    expect(probe.map((p) => p.value)).toEqual([null, null, 48.1875, 48.46875, 48.75, 49.03125, 49.3125, 49.59375]);
    expect(probe[2]!.ts).toBe(Date.UTC(2020, 4, 4, 13, 29, 38));
  });

  it('reads Prometheus rows: name + labels as the series, epoch seconds as times', () => {
    expect(local('prometheus-query-csv-node-load1.csv').records[0]).toEqual({
      type: 'metric', series: LOAD1, ts: 1795320500 * 1000, tq: 'explicit', value: 4.69, line: 2,
    });
    expect(local('prometheus-query-csv-robustperception-blog.csv').records[1]).toMatchObject({ ts: 1477858669096, value: 0.510999999998603 });
  });

  it('reads Grafana 7 downloads: quoted display names, epoch ms, formatted GiB values and zone-less times', () => {
    const raw = local('grafana7-joined-by-time-raw.csv').records;
    expect(raw[1]).toEqual({ type: 'metric', series: '{instance="127.0.0.1:19100"}', ts: 1795320500000, tq: 'explicit', value: 90.80620000000505, line: 2 });
    const prom = local('prometheus-query-csv-cpu-busy-no-name.csv').records;
    expect(raw.filter((p) => p.series === '{instance="127.0.0.1:19100"}').map((p) => p.value)).toEqual(prom.map((p) => p.value));
    const formatted = local('grafana7-joined-formatted-excel.csv').records;
    expect(formatted[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 4, 8, 20), tq: 'assumed', value: Math.round(22.66 * 1024 ** 3), line: 3 });
  });
});

describe('metricsCsvParser on other export shapes', () => {
  it('reads __name__/label columns + timestamp + value, and a label column with timestamp,value', () => {
    const text = '__name__,instance,job,timestamp,value\nhttp_requests_total,web-1:8080,api,1795320500,1027\nhttp_requests_total,web-2:8080,api,1795320500,998\n';
    expect(parseText(metricsCsvParser, text).records.map((p) => [p.series, p.value])).toEqual([
      ['http_requests_total{instance="web-1:8080", job="api"}', 1027],
      ['http_requests_total{instance="web-2:8080", job="api"}', 998],
    ]);
    const labelled = parseText(metricsCsvParser, 'pod;timestamp;value\napi-7d9f;1795320500000;0,25\n', 'cpu_usage.csv');
    expect(labelled.records).toEqual([{ type: 'metric', series: '{pod="api-7d9f"}', ts: 1795320500000, tq: 'explicit', value: 0.25, line: 2 }]);
    const bare = parseText(metricsCsvParser, 'timestamp,value\n1795320500,3\n', 'exports/heap_used.csv');
    expect(bare.records[0]!.series).toBe('heap_used');
  });

  it('normalises units and keeps them in the series name', () => {
    const text = [
      'Time;CPU;Heap;p99;Requests;Temp',
      '2026-11-22 02:55:30;12,5%;1,2 GB;300 ms;1.50 K;41 °C',
      '2026-11-22 02:55:40;97,0%;950 MB;1.5 s;2 Mil;',
    ].join('\n');
    const { records, skipped } = parseText(metricsCsvParser, text);
    expect(records.map((p) => [p.series, p.value])).toEqual([
      ['CPU (%)', 12.5], ['Heap (bytes)', 1.2e9], ['p99 (ms)', 300], ['Requests', 1500], ['Temp (°C)', 41],
      ['CPU (%)', 97], ['Heap (bytes)', 950e6], ['p99 (ms)', 1500], ['Requests', 2e6], ['Temp (°C)', null],
    ]);
    expect(records[0]).toMatchObject({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), tq: 'assumed' });
    expect(skipped).toEqual([]);
  });

  // A header is never joined over lines (a stray quote there would swallow the data below it).
  it('joins a quoted field that holds a newline and starts a new table after a blank line', () => {
    const text = [
      '"Time","errors ""5xx"", api"', '1795320500000,3', '"1795320510000","4"', '',
      '"Time","latency, p99"', '1795320500000,0.2', '',
    ].join('\r\n');
    const { records, skipped } = parseText(metricsCsvParser, text);
    expect(records).toEqual([
      { type: 'metric', series: 'errors "5xx", api', ts: 1795320500000, tq: 'explicit', value: 3, line: 2 },
      { type: 'metric', series: 'errors "5xx", api', ts: 1795320510000, tq: 'explicit', value: 4, line: 3 },
      { type: 'metric', series: 'latency, p99', ts: 1795320500000, tq: 'explicit', value: 0.2, line: 6 },
    ]);
    expect(skipped).toEqual([]);
    const multi = parseText(metricsCsvParser, 'Time,note,v\n1795320500000,"two\nlines",1\n');
    expect(multi.records).toEqual([{ type: 'metric', series: 'v{note="two\nlines"}', ts: 1795320500000, tq: 'explicit', value: 1, line: 2, endLine: 3 }]);
  });

  it('reads a header-less table and reports rows it cannot use', () => {
    const headerless = parseText(metricsCsvParser, '"localhost:9100",1795320500,"0.5"\n"localhost:9100",1795320502,"0.75"\n');
    expect(headerless.records.map((p) => [p.series, p.value, p.line])).toEqual([
      ['{column1="localhost:9100"}', 0.5, 1], ['{column1="localhost:9100"}', 0.75, 2],
    ]);
    const bad = parseText(metricsCsvParser, 'Time,v\n2026-11-22T02:55:30Z,1\nyesterday,2\n2026-11-22T02:55:40Z,x\n2026-11-22T02:55:50Z,3,9\n');
    expect(bad.records.map((p) => p.line)).toEqual([2]);
    expect(bad.skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'no time in column "Time"'], [4, 'no numeric value in the row'], [5, 'row has 3 fields, the header 2'],
    ]);
    const noTime = parseText(metricsCsvParser, 'host,cpu\nweb-1,12\n');
    expect(noTime.skipped.map((s) => [s.line, s.reason])).toEqual([[2, 'no time column with numeric value columns in this table']]);
  });

  it('never throws, and every line holding a time is a point or skipped', () => {
    const piece = fc.constantFrom(
      'Time,cpu,mem', '"Time";"a";"b"', 'Series;Time;Value', 'name,timestamp,value,instance', '2026-11-22T02:55:30Z,1,2', '2026-11-22 02:55:30;1,5;null',
      'a;2026-11-22T02:55:30+02:00;3', ',1795320500,0.5,x', '1795320500000,"4', 'x"', '', 'sep=;', '#unit#,%', '"unterminated', '2026-11-22,1',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 30 })), { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const { records, skipped } = parseText(metricsCsvParser, text);
        const left = unaccountedLines(text, records, skipped);
        const all = text.split('\n');
        const hasTime = (l: string) => ([',', ';', '\t', '|'] as Delimiter[]).some((d) => parseRow(l, d).cells.some((c) => parseTimeCell(utcTime(), c) !== null));
        for (const n of left) expect(hasTime(all[n - 1]!)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('value and time cells', () => {
  it.each([
    ['12.5', 12.5, null], ['-0.6', -0.6, null], ['1e-3', 0.001, null], ['null', null, null], ['', null, null], ['12,5%', 12.5, '%'],
    ['1.21 GiB', Math.round(1.21 * 1024 ** 3), 'bytes'], ['512 B', 512, 'bytes'], ['250 µs', 0.25, 'ms'], ['2 min', 120_000, 'ms'], ['1,026', 1026, null],
    ['3.2 req/s', 3.2, 'req/s'],
  ])('%j → %j %j', (cell, value, unit) => {
    expect(parseCellValue(cell, true)).toEqual({ value, unit });
  });

  it('rejects text, and reads times only when the whole cell is one', () => {
    expect(parseCellValue('web-1', true)).toBeNull();
    expect(parseTimeCell(utcTime(), '2026-11-22 02:55:30,819 INFO')).toBeNull();
    expect(parseTimeCell(utcTime(), '1024')).toBeNull();
    expect(parseTimeCell(utcTime(), '2026/11/22 02:55:30')).toEqual({ ts: Date.UTC(2026, 10, 22, 2, 55, 30), tq: 'assumed' });
    expect(parseTimeCell(utcTime(), '2022-03-21')).toEqual({ ts: Date.UTC(2022, 2, 21), tq: 'assumed' });
    expect(parseTimeCell(utcTime(), '1477858669.096')).toEqual({ ts: 1477858669096, tq: 'explicit' });
  });
});

describe('sniffMetricsCsv', () => {
  it.each(corpusFiles(['hikari', 'jstack', 'goroutine', 'lsof', 'ss', 'pino', 'heap', 'gc']))('does not claim %s', (rel) => {
    expect(metricsCsvParser.sniff(sniffInput(rel))?.confidence ?? 0).toBeLessThan(0.3);
  });

  it('does not claim a table without times or a log with commas', () => {
    expect(metricsCsvParser.sniff({ name: 'x.csv', lines: ['host,cpu', 'web-1,12'] })).toBeNull();
    expect(metricsCsvParser.sniff({
      name: 'app.log',
      lines: ['2024-02-27 13:57:51,819 INFO [main] started, took 5 s', '2024-02-27 13:57:52,001 WARN [pool] slow, 3 retries'],
    })).toBeNull();
  });
});
