/**
 * The committed incident-4 bundle (made by make.sh from the running api-server) holds the evidence a
 * diagnosis needs: a group of running/runnable goroutines in readPodLogs that grows by one per finished
 * pod's log stream, threads of the process burning CPU in top, and the CPU metrics export climbing.
 * Grep-level: no Go or engine needed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, goroutines, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const threads = captures(SAMPLE, 'snapshots', 'top-threads');
const tops = captures(SAMPLE, 'snapshots', 'top');
const log = lines(join(SAMPLE, 'bundle/logs/api-server.log'));
const csvName = readdirSync(join(SAMPLE, 'bundle/metrics')).find((f) => f.endsWith('.csv'))!;
const csvText = lines(join(SAMPLE, 'bundle/metrics', csvName));

const spinning = (dump: string[]) =>
  goroutines(dump).filter((g) => `\n${g.stack}`.includes('\nmain.readPodLogs(') && (g.state === 'running' || g.state === 'runnable'));
const finishedOpened = (until: string) =>
  log.filter((l) => / log stream opened: pod batch\/nightly-etl-\d+ \((Succeeded|Failed)\)/.test(l) && l.slice(11, 19) <= until).length;

describe('incident-4-busy-loop bundle', () => {
  it('has the series, all of one api-server process, in a small text bundle', () => {
    checkBundleShape(SAMPLE);
    expect(dumps.length).toBeGreaterThanOrEqual(5);
    expect(threads.length).toBeGreaterThanOrEqual(5);
    expect(tops.length).toBeGreaterThanOrEqual(5);
    const pid = dumps[0]!.pid;
    for (const c of [...dumps, ...threads, ...tops]) expect(c.pid).toBe(pid);
    expect(log[0]).toContain(`api-server pid ${pid} listening on 127.0.0.1:38401`);
    for (const l of log) expect(l).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} /);
  });

  it('goroutine dumps: one spinning readPodLogs per finished pod streamed, never fewer', () => {
    const counts = dumps.map((d) => spinning(d.lines).length);
    expect(counts[0]).toBe(0);
    expect(nonDecreasing(counts)).toBe(true);
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(4);
    dumps.forEach((d, i) => {
      // a stream opened in the second before the dump may not have reached EOF yet
      const opened = finishedOpened(d.at.slice(11, 19));
      expect(counts[i]).toBeGreaterThanOrEqual(opened - 1);
      expect(counts[i]).toBeLessThanOrEqual(opened);
    });
  });

  it('the handlers of finished pods never end: they wait on msgs for minutes', () => {
    const last = goroutines(dumps[dumps.length - 1]!.lines);
    const waiting = last.filter((g) => g.state === 'chan receive' && g.stack.includes('main.(*server).streamPodLogs('));
    expect(waiting.length).toBe(spinning(dumps[dumps.length - 1]!.lines).length);
    expect(waiting.some((g) => g.minutes >= 2)).toBe(true);
    expect(log.filter((l) => /log stream closed: pod batch\//.test(l))).toEqual([]);
    expect(log.filter((l) => /log stream closed: pod web\/frontend-\d+:/.test(l)).length).toBeGreaterThan(2);
  });

  it('top -H: the process threads burn CPU once finished pods were streamed', () => {
    // two iterations 1 s apart: the second measures the last second
    const second = (c: { lines: string[] }) => {
      let at = 0;
      c.lines.forEach((l, i) => {
        if (l.startsWith('top - ')) at = i;
      });
      return c.lines.slice(at);
    };
    const cpu = (c: { lines: string[] }) =>
      second(c)
        .filter((l) => /\sapi-server\s*$/.test(l))
        .map((l) => Number(l.trim().split(/\s+/)[8]))
        .reduce((a, b) => a + b, 0);
    expect(cpu(threads[0]!)).toBeLessThan(10);
    // the build machine is shared: the spinners get what the scheduler leaves them, still tens of percent
    expect(cpu(threads[threads.length - 1]!)).toBeGreaterThan(40);
    expect(second(threads[threads.length - 1]!).some((l) => /^Threads: +\d+ total, +[1-9]\d* running/.test(l))).toBe(true);
  });

  it('metrics CSV: Grafana "series joined by time" layout, CPU rate from ~0 to most of a core and more', () => {
    expect(csvText[0]).toBe(
      '"Time","process_cpu_seconds_rate{instance=""127.0.0.1:38401"", job=""api-server""}","go_goroutines{instance=""127.0.0.1:38401"", job=""api-server""}"\r',
    );
    expect(csvText[csvText.length - 1]).toBe('\r');
    const rows = csvText.slice(1, -1).map((l) => l.replace(/\r$/, '').split(','));
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) {
      expect(r).toHaveLength(3);
      expect(r[0]).toMatch(/^\d{13}$/);
    }
    const times = rows.map((r) => Number(r[0]));
    expect(nonDecreasing(times)).toBe(true);
    const rate = rows.map((r) => Number(r[1]));
    const goroutineCount = rows.filter((r) => r[2] !== '').map((r) => Number(r[2])); // empty = a fetch that timed out
    expect(Math.max(...rate.slice(0, 5))).toBeLessThan(0.05); // the idle baseline
    expect(Math.max(...rate)).toBeGreaterThan(0.8);
    const late = rate.slice(Math.floor(rate.length / 2));
    expect(late.reduce((a, b) => a + b, 0) / late.length).toBeGreaterThan(0.3);
    expect(goroutineCount[goroutineCount.length - 1]! - goroutineCount[0]!).toBeGreaterThanOrEqual(8);
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(5);
  });
});
