/**
 * The committed gc-pressure-freeze bundle (made by make.sh from the running JVM) holds the evidence a diagnosis
 * needs: multi-second stop-the-world collections in gc.log while the export runs, the app log silent for exactly
 * those pauses, pool timeouts whose elapsed time is a pause (not connectionTimeout), a heap whose live set is a
 * few MB before and after an export and GBs during it, and the GC threads busy in top -H. Grep-level: no Java or
 * engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));

/** logback `%date %-5level [%thread] %logger{36} - %msg`: `2026-12-07 14:35:06,232 INFO  [main] … - …`. */
const RECORD = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2},\d{3}) (DEBUG|INFO |WARN |ERROR) \[([^\]]+)\] (\S+) - (.*)$/;
function records(file: string) {
  return lines(join(SAMPLE, 'bundle/logs', file)).flatMap((l, i) => {
    const m = RECORD.exec(l);
    if (!m) {
      expect(l, `${file}:${i + 1}`).toMatch(/^(\tat |\t\.\.\. \d+ more$|[\w.$]+(Exception|Error)\b)/);
      return [];
    }
    return [{ line: i + 1, time: m[2]!, level: m[3]!.trim(), thread: m[4]!, msg: m[6]! }];
  });
}

/** `-Xlog:gc*:…:time,uptimemillis,level,tags` pause lines: `[…+0100][…ms][info][gc             ] GC(5) Pause Full (Ergonomics) 2239M->1858M(2944M) 7518.836ms`. */
const PAUSE = /^\[[^\]]+\+0100\]\[\d+ms\]\[info\]\[gc +\] GC\(\d+\) Pause (Young|Full) \(([^)]+)\) \d+M->(\d+)M\(\d+M\) ([\d.]+)ms$/;
const pauses = lines(join(SAMPLE, 'bundle/logs/gc.log')).flatMap((l) => {
  const m = PAUSE.exec(l);
  return m ? [{ kind: m[1]!, cause: m[2]!, afterMb: Number(m[3]), ms: Number(m[4]) }] : [];
});

describe('gc-pressure-freeze bundle', () => {
  const app = records('app.log');

  it('has the logs, three jstacks and jmap histograms, and top -H snapshots of one JVM', () => {
    checkBundleShape(SAMPLE, 2 * 1024 * 1024);
    const jstacks = captures(SAMPLE, 'dumps', 'jstack');
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    const tops = captures(SAMPLE, 'snapshots', 'top');
    expect(jstacks).toHaveLength(3);
    expect(histos.map((h) => h.cmd.split(' ')[1])).toEqual(['-histo:live', '-histo', '-histo:live']);
    expect(tops.length).toBeGreaterThanOrEqual(4);
    const pid = jstacks[0]!.pid;
    for (const c of [...jstacks, ...histos, ...tops]) expect(c.pid).toBe(pid);
    expect(app[0]!.msg).toContain(`(pid ${pid},`);
  });

  it('the service logs in the logback %date layout, several lines a second, from worker-N threads', () => {
    expect(app.length).toBeGreaterThan(2000);
    expect(app.filter((r) => /^worker-\d+$/.test(r.thread)).length).toBeGreaterThan(2000);
    expect(app.some((r) => r.level === 'WARN' && r.msg.includes('Thread starvation'))).toBe(false);
  });

  it('gc.log has several multi-second full collections, and the heap empties after each export', () => {
    expect(pauses.filter((p) => p.ms >= 3000).length).toBeGreaterThanOrEqual(5);
    expect(pauses.filter((p) => p.kind === 'Full' && p.cause === 'Ergonomics').length).toBeGreaterThanOrEqual(10);
    const forced = pauses.filter((p) => p.kind === 'Full' && p.cause === 'Heap Inspection Initiated GC');
    expect(forced.length).toBe(2);
    for (const p of forced) expect(p.afterMb).toBeLessThan(50);
  });

  it('the pool timeouts waited longer than connectionTimeout: their wait spans GC pauses', () => {
    expect(app.some((r) => r.msg === 'connectionTimeout...............5000')).toBe(true);
    const timeouts = lines(join(SAMPLE, 'bundle/logs/app.log')).flatMap((l) => {
      const m = /Connection is not available, request timed out after (\d+)ms\.$/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    expect(timeouts.length).toBeGreaterThan(0);
    for (const ms of timeouts) expect(ms).toBeGreaterThan(5500);
  });

  it('the histograms: a few MB live before and after an export, GBs of export rows during it', () => {
    const histos = captures(SAMPLE, 'dumps', 'jmap-histo');
    const totalBytes = (h: { lines: string[] }) => Number(/^Total\s+\d+\s+(\d+)$/.exec(h.lines[h.lines.length - 1]!)![1]);
    expect(totalBytes(histos[0]!)).toBeLessThan(50e6);
    expect(totalBytes(histos[1]!)).toBeGreaterThan(1e9);
    expect(totalBytes(histos[2]!)).toBeLessThan(50e6);
    expect(histos[1]!.lines.some((l) => l.includes('InvoiceExportJob$InvoiceLine'))).toBe(true);
    expect(histos[2]!.lines.some((l) => l.includes('InvoiceExportJob$InvoiceLine'))).toBe(false);
  });

  it('README evidence rows quote their lines', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(15);
  });
});
