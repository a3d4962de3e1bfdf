/**
 * The committed two-incidents bundle (made by make.sh from the running JVM and PostgreSQL) holds both
 * episodes and what tells them apart: a 55 s silence ended by HikariCP's starvation warning with no
 * error and no PostgreSQL line, then, seconds later, PostgreSQL's fast shutdown and restart with the
 * app's 57P01, validation failures and 10 s pool timeouts caused by `Connection refused`.
 * Grep-level: no Java, PostgreSQL or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, lines } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));

/** logback `%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] [%X{traceId:-},%X{spanId:-}] %logger{36} - %msg`. */
const RECORD =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[-+]\d{2}:\d{2}) (TRACE|DEBUG|INFO |WARN |ERROR) \[([^\]]+)\] \[([0-9a-f]{32})?,([0-9a-f]{16})?\] (\S+) - (.*)$/;
/** A stack trace line: frames, `... n common frames omitted`, `Caused by:`, `Suppressed:` (nested one tab deeper). */
const CONTINUATION = /^(\t+at |\t+\.\.\. \d+ (more|common frames omitted)$|\t*Caused by: |\t+Suppressed: |[a-z][\w$.]*(Exception|Error)\b)/;

interface Rec {
  line: number;
  ms: number;
  level: string;
  thread: string;
  traceId: string;
  msg: string;
  /** the record's stack trace lines, if any */
  trace: string[];
}

function records(): Rec[] {
  const out: Rec[] = [];
  lines(join(SAMPLE, 'bundle/logs/billing-service.log')).forEach((l, i) => {
    const m = RECORD.exec(l);
    if (m) {
      out.push({ line: i + 1, ms: Date.parse(m[1]!), level: m[2]!.trim(), thread: m[3]!, traceId: m[4] ?? '', msg: m[7]!, trace: [] });
    } else {
      expect(l, `billing-service.log:${i + 1}`).toMatch(CONTINUATION);
      out[out.length - 1]!.trace.push(l);
    }
  });
  return out;
}

const pgLine = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) UTC \[\d+\] /;
function pgTimes(text: string): number[] {
  return lines(join(SAMPLE, 'bundle/logs/postgresql.log'))
    .filter((l) => l.includes(text))
    .map((l) => Date.parse(`${pgLine.exec(l)![1]!.replace(' ', 'T')}Z`));
}

describe('two-incidents-freeze-then-db-restart bundle', () => {
  const recs = records();
  const starvation = recs.filter((r) => r.msg.includes('Thread starvation or clock leap detected'));
  const timeouts = recs.filter((r) => r.trace.some((t) => t.includes('Connection is not available, request timed out after')));
  const validation = recs.filter((r) => r.msg.includes('Failed to validate connection'));

  it('has the logs, two jstacks and two top snapshots of one JVM', () => {
    checkBundleShape(SAMPLE, 2 * 1024 * 1024);
    const dumps = [...captures(SAMPLE, 'dumps', 'jstack'), ...captures(SAMPLE, 'snapshots', 'top')];
    expect(dumps).toHaveLength(4);
    expect(new Set(dumps.map((d) => d.pid)).size).toBe(1);
    for (const f of ['gc.log', 'postgresql.log']) expect(lines(join(SAMPLE, 'bundle/logs', f)).length).toBeGreaterThan(20);
  });

  it('every request line carries a trace id; the pool threads carry none', () => {
    const access = recs.filter((r) => r.msg.startsWith('"'));
    expect(access.length).toBeGreaterThan(1000);
    expect(access.every((r) => r.traceId.length === 32 && r.thread.startsWith('XNIO-1 task-'))).toBe(true);
    expect(recs.filter((r) => r.thread.includes('housekeeper')).every((r) => r.traceId === '')).toBe(true);
  });

  it('episode 1: one silence of ~55 s ended by the starvation warning, with no error and no database line', () => {
    expect(starvation).toHaveLength(1);
    const w = starvation[0]!;
    const before = recs.filter((r) => r.line < w.line).pop()!;
    expect(w.ms - before.ms).toBeGreaterThan(50_000);
    expect(/delta=(\d+)s/.exec(w.msg)![1]).toMatch(/^5\d$/);
    expect(recs.filter((r) => r.ms >= before.ms && r.ms < w.ms + 5000 && (r.level === 'ERROR' || r.level === 'WARN'))).toEqual([w]);
    // the database logged nothing while the JVM was stopped
    const pg = lines(join(SAMPLE, 'bundle/logs/postgresql.log')).map((l) => Date.parse(`${pgLine.exec(l)![1]!.replace(' ', 'T')}Z`));
    expect(pg.filter((t) => t > before.ms + 1000 && t < w.ms - 1000)).toEqual([]);
  });

  it('episode 2: PostgreSQL restarts after the resume; validation failures and timeouts follow it, not the freeze', () => {
    const w = starvation[0]!;
    const [shutdown] = pgTimes('received fast shutdown request');
    const ready = pgTimes('database system is ready to accept connections');
    expect(shutdown! - w.ms).toBeGreaterThan(5000);
    expect(ready).toHaveLength(2);
    expect(ready[1]! - shutdown!).toBeGreaterThan(20_000);
    expect(validation.length).toBeGreaterThan(0);
    for (const v of validation) expect(v.ms).toBeGreaterThanOrEqual(shutdown!);
    expect(timeouts.length).toBeGreaterThan(10);
    for (const t of timeouts) {
      expect(t.ms).toBeGreaterThan(shutdown!);
      expect(t.ms).toBeLessThan(ready[1]!);
      const ms = Number(/request timed out after (\d+)ms/.exec(t.trace.join('\n'))![1]);
      expect(ms).toBeGreaterThanOrEqual(10_000);
      expect(ms).toBeLessThan(10_100);
      expect(t.trace.some((l) => l.startsWith('Caused by: java.net.ConnectException: Connection refused'))).toBe(true);
    }
    // the housekeeper was on time during the outage
    expect(starvation.every((s) => s.ms < shutdown!)).toBe(true);
  });

  it('GC pauses are milliseconds', () => {
    const pauses = lines(join(SAMPLE, 'bundle/logs/gc.log')).flatMap((l) => {
      const m = /\[gc\s*\] GC\(\d+\) Pause .* (\d+\.\d+)ms$/.exec(l);
      return m ? [Number(m[1])] : [];
    });
    expect(pauses.length).toBeGreaterThan(0);
    expect(Math.max(...pauses)).toBeLessThan(100);
  });

  it('the README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(20);
  });
});
