/**
 * Grep-level checks on the committed sample bundles (no Java, PostgreSQL or npm needed): the files are
 * there, small, text, and carry the lines a diagnosis depends on; the healthy bundle carries none of
 * them; and every `file:line` evidence reference in the samples' READMEs points at the quoted text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const SAMPLES = fileURLToPath(new URL('.', import.meta.url));
const INCIDENT = join(SAMPLES, 'incident-3-hikari-starvation');
const HEALTHY = join(SAMPLES, 'healthy-spring-pino');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function text(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function lines(path: string): string[] {
  return text(path).split('\n').slice(0, -1);
}

function files(bundle: string, dir: string, prefix: string): string[] {
  return readdirSync(join(bundle, 'bundle', dir))
    .filter((f) => f.startsWith(prefix))
    .sort()
    .map((f) => join(bundle, 'bundle', dir, f));
}

/** Spring Boot's default pattern: `%d{yyyy-MM-dd HH:mm:ss.SSS} %5p ${PID} --- [%15.15t] %-40.40logger{39} : %m`. */
const BOOT_LINE = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}) ([ A-Z]{5}) (\d+) --- \[(.{15})\] (.{40}) : (.*)$/;
/** What may follow a header line: stack frames, `Caused by:`, `... n more` / logback's `... n common frames omitted`,
 * the exception's first line. */
const CONTINUATION = /^(\tat |\t\.\.\. \d+ (more|common frames omitted)$|Caused by: |\tSuppressed: |[a-z][\w$.]*(Exception|Error)\b)/;

interface BootRecord {
  line: number;
  /** wall-clock ms, read as UTC: only for comparing records of one file */
  ms: number;
  level: string;
  pid: number;
  thread: string;
  msg: string;
}

function bootRecords(path: string): BootRecord[] {
  const out: BootRecord[] = [];
  lines(path).forEach((l, i) => {
    const m = BOOT_LINE.exec(l);
    if (m) {
      const ms = Date.parse(`${m[1]!.replace(' ', 'T')}Z`);
      out.push({ line: i + 1, ms, level: m[2]!.trim(), pid: Number(m[3]), thread: m[4]!.trim(), msg: m[6]! });
    }
    else expect(l, `${path}:${i + 1} is neither a log line nor a stack trace line`).toMatch(CONTINUATION);
  });
  return out;
}

/** `1m29s80ms162µs240ns` → milliseconds (HikariCP's ClockSource.elapsedDisplayString). */
function hikariDeltaMs(s: string): number {
  let ms = 0;
  for (const [, n, unit] of s.matchAll(/(\d+)(ns|µs|ms|s|m|h|d)/g)) {
    const k = { ns: 1e-6, µs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[unit as 'ns'];
    ms += Number(n) * k;
  }
  return ms;
}

function gcPausesMs(path: string): number[] {
  return lines(path).flatMap((l) => {
    const m = /\[gc\s*\] GC\(\d+\) Pause .* (\d+\.\d+)ms$/.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

function checkBundleShape(bundle: string): void {
  const all = walk(join(bundle, 'bundle'));
  const total = all.reduce((n, f) => n + statSync(f).size, 0);
  expect(total).toBeLessThan(3 * 1024 * 1024);
  for (const f of all.filter((p) => !p.endsWith('.gz'))) {
    expect(readFileSync(f).includes(0), `${relative(SAMPLES, f)} is text`).toBe(false);
  }
  for (const f of [...files(bundle, 'dumps', ''), ...files(bundle, 'snapshots', '')]) {
    const first = lines(f)[0]!;
    const m = /^# captured (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z) host=\S+ pid=(\d+) cmd=(.+)$/.exec(first);
    expect(m, `${relative(SAMPLES, f)} starts with a collector header`).not.toBeNull();
    const stamp = m![1]!.replace(/[-:]/g, '');
    expect(f.endsWith(`-${stamp}.txt`), `${relative(SAMPLES, f)} is named for its capture time`).toBe(true);
  }
}

describe('incident-3-hikari-starvation bundle', () => {
  const appLog = join(INCIDENT, 'bundle/logs/app.log');
  let records: BootRecord[] = [];
  let starvation: BootRecord[] = [];
  beforeAll(() => {
    records = bootRecords(appLog);
    starvation = records.filter((r) => r.msg.includes('Thread starvation or clock leap detected'));
  });

  it('has the log files, two captures of each dump kind and two top snapshots', () => {
    for (const f of ['logs/app.log', 'logs/app.log.1.gz', 'logs/gc.log', 'logs/gc.log.0', 'logs/postgresql.log']) {
      expect(existsSync(join(INCIDENT, 'bundle', f)), f).toBe(true);
    }
    expect(files(INCIDENT, 'dumps', 'jstack-')).toHaveLength(2);
    expect(files(INCIDENT, 'dumps', 'jmap-histo-')).toHaveLength(2);
    expect(files(INCIDENT, 'snapshots', 'top-')).toHaveLength(2);
    checkBundleShape(INCIDENT);
  });

  it('app.log is one process in the Spring Boot pattern, a few thousand lines', () => {
    expect(records.length).toBeGreaterThan(2000);
    expect(records.length).toBeLessThan(12000);
    expect(new Set(records.map((r) => r.pid)).size).toBe(1);
  });

  it('shows two housekeeper deltas over a minute, minutes apart', () => {
    expect(starvation).toHaveLength(2);
    for (const r of starvation) {
      const delta = /housekeeper delta=([^)]+)\)/.exec(r.msg)![1]!;
      expect(hikariDeltaMs(delta)).toBeGreaterThan(60_000);
      expect(r.level).toBe('WARN');
      expect(r.thread).toBe('l-1 housekeeper');
    }
  });

  it('has no warning or error until the first resume, and no waiting threads in pool stats', () => {
    // The timeouts of the first resume are logged in the same millisecond as, and just before, the warning.
    const before = records.filter((r) => r.ms < starvation[0]!.ms - 1000);
    expect(before.filter((r) => r.level === 'WARN' || r.level === 'ERROR')).toEqual([]);
    const stats = before.filter((r) => /stats \(total=/.test(r.msg));
    expect(stats.length).toBeGreaterThan(3);
    expect(stats.every((r) => r.msg.includes('waiting=0)'))).toBe(true);
  });

  it('has pool timeouts far above connectionTimeout=30000, validation failures and SQLState 08003', () => {
    const timeouts = records.flatMap((r) => {
      const m = /Connection is not available, request timed out after (\d+)ms\./.exec(r.msg);
      return m ? [Number(m[1])] : [];
    });
    expect(timeouts.length).toBeGreaterThan(0);
    for (const ms of timeouts) expect(ms).toBeGreaterThan(60_000);
    expect(records.some((r) => /Failed to validate connection \S+ \(This connection has been closed\.\)/.test(r.msg))).toBe(true);
    expect(records.some((r) => r.level === 'WARN' && r.msg === 'SQL Error: 0, SQLState: 08003')).toBe(true);
  });

  it('the earlier rotated log is healthy', () => {
    const earlier = bootRecords(join(INCIDENT, 'bundle/logs/app.log.1.gz'));
    expect(earlier.length).toBeGreaterThan(300);
    expect(earlier.filter((r) => r.level === 'WARN' || r.level === 'ERROR')).toEqual([]);
  });

  it('GC log carries +0900 offsets and only short pauses', () => {
    const gc = join(INCIDENT, 'bundle/logs/gc.log');
    expect(lines(gc)[0]).toMatch(/^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0900\]\[/);
    const pauses = gcPausesMs(gc);
    expect(pauses.length).toBeGreaterThan(0);
    expect(Math.max(...pauses)).toBeLessThan(200);
  });

  it('dumps are real jstack / jmap output of the app process', () => {
    const pid = records[0]!.pid;
    for (const f of files(INCIDENT, 'dumps', 'jstack-')) {
      const t = text(f);
      expect(t.startsWith(`# captured `)).toBe(true);
      expect(t).toContain(`pid=${pid} cmd=jstack ${pid}`);
      expect(t).toContain('Full thread dump OpenJDK 64-Bit Server VM');
      expect(t).toContain('"HikariPool-1 housekeeper"');
    }
    for (const f of files(INCIDENT, 'dumps', 'jmap-histo-')) {
      const t = text(f);
      expect(t).toContain(`cmd=jmap -histo ${pid}`);
      expect(t).toMatch(/^Total\s+\d+\s+\d+$/m);
      expect(t).toContain('com.zaxxer.hikari.pool.PoolEntry');
    }
  });

  it('PostgreSQL closed the idle sessions during the stalls', () => {
    const pg = text(join(INCIDENT, 'bundle/logs/postgresql.log'));
    expect(pg.match(/FATAL: {2}terminating connection due to idle-session timeout/g)?.length ?? 0).toBeGreaterThan(4);
  });
});

describe('healthy-spring-pino bundle', () => {
  const appLog = join(HEALTHY, 'bundle/logs/app.log');

  it('has the files', () => {
    for (const f of ['logs/app.log', 'logs/gc.log', 'logs/api.log', 'logs/postgresql.log']) {
      expect(existsSync(join(HEALTHY, 'bundle', f)), f).toBe(true);
    }
    expect(files(HEALTHY, 'dumps', 'jstack-')).toHaveLength(1);
    expect(files(HEALTHY, 'dumps', 'jmap-histo-')).toHaveLength(1);
    expect(files(HEALTHY, 'snapshots', 'top-')).toHaveLength(1);
    checkBundleShape(HEALTHY);
  });

  it('app.log: no warnings, no starvation, no timeouts, nobody waiting for a connection', () => {
    const records = bootRecords(appLog);
    expect(records.length).toBeGreaterThan(1000);
    expect(records.filter((r) => r.level === 'WARN' || r.level === 'ERROR')).toEqual([]);
    const stats = records.filter((r) => /stats \(total=/.test(r.msg));
    expect(stats.length).toBeGreaterThan(5);
    expect(stats.every((r) => r.msg.includes('waiting=0)'))).toBe(true);
  });

  it('api.log: pino NDJSON, mostly 200s, a few 404s, no 5xx, fast responses', () => {
    const entries = lines(join(HEALTHY, 'bundle/logs/api.log')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const completed = entries.filter((e) => e.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(1000);
    const statuses = completed.map((e) => (e.res as { statusCode: number }).statusCode);
    expect(new Set(statuses)).toEqual(new Set([200, 404]));
    const notFound = statuses.filter((s) => s === 404).length;
    expect(notFound).toBeGreaterThan(5);
    expect(notFound / statuses.length).toBeLessThan(0.1);
    const times = completed.map((e) => e.responseTime as number);
    expect(Math.max(...times)).toBeLessThan(100);
    expect(entries.every((e) => typeof e.level === 'number' && e.level < 50)).toBe(true);
  });

  it('GC pauses are short', () => {
    expect(Math.max(...gcPausesMs(join(HEALTHY, 'bundle/logs/gc.log')))).toBeLessThan(200);
  });
});

describe('README evidence references', () => {
  // Rows like: | `logs/app.log:2092` | `Thread starvation or clock leap detected` | ... |
  for (const sample of [INCIDENT, HEALTHY, join(SAMPLES, 'node-event-loop-blocked'), join(SAMPLES, 'node-event-loop-blocked-redos')]) {
    it(`${relative(SAMPLES, sample)}/README.md cites lines that say what it quotes`, () => {
      const readme = readFileSync(join(sample, 'README.md'), 'utf8');
      const refs = [...readme.matchAll(/^\| `([\w./-]+):(\d+)` \| `([^`]+)` \|/gm)];
      expect(refs.length).toBeGreaterThan(sample === INCIDENT ? 6 : 2);
      for (const [, file, line, quote] of refs) {
        const actual = lines(join(sample, 'bundle', file!))[Number(line) - 1];
        expect(actual, `${file}:${line}`).toContain(quote!);
      }
    });
  }
});

describe('samples/README.md', () => {
  it('lists every sample bundle, each with the pieces every sample has', () => {
    const index = text(join(SAMPLES, 'README.md'));
    const samples = readdirSync(SAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(SAMPLES, e.name, 'bundle'))).map((e) => e.name);
    expect(samples.length).toBeGreaterThan(20);
    for (const s of samples) {
      expect(index, s).toContain(`[\`${s}/\`](${s}/README.md)`);
      for (const piece of ['README.md', 'make.sh', 'expected.json']) expect(existsSync(join(SAMPLES, s, piece)), `${s}/${piece}`).toBe(true);
    }
  });
});
