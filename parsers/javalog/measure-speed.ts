/**
 * Local throughput check for the Java log parser (not a test: timings vary by machine).
 *   npx tsx parsers/javalog/measure-speed.ts [lines]
 * Builds a Spring Boot log in memory (HikariCP lines, stack traces, the bench generator's mix) and
 * reports MB/s of the parser alone (lines pre-split, as the engine's splitter hands them over), by
 * wall clock and by CPU time (GC included in both).
 */
import type { LogRecord, SkippedLine } from '../types';
import { javaLogParser } from './index';
import { mulberry32 } from '../../bench/rng';

const rng = mulberry32;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};
const lg = (name: string) => name.padEnd(40).slice(0, 40);

export function springBootLines(count: number): string[] {
  const rand = rng(7);
  const out: string[] = [];
  let t = Date.UTC(2026, 10, 20);
  let nextStats = t + 30_000;
  while (out.length < count) {
    t += Math.floor(rand() * 40);
    if (t >= nextStats) {
      nextStats += 30_000;
      out.push(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${lg('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Pool stats (total=10, active=3, idle=7, waiting=0)`);
      out.push(`${stamp(t)} DEBUG 4242 --- [l-1 housekeeper] ${lg('com.zaxxer.hikari.pool.HikariPool')} : HikariPool-1 - Fill pool skipped, pool has sufficient level or currently being filled (queueDepth=0).`);
      continue;
    }
    const thread = `nio-8080-exec-${1 + Math.floor(rand() * 200)}`.slice(-15).padStart(15);
    const r = rand();
    if (r < 0.002) {
      out.push(
        `${stamp(t)} ERROR 4242 --- [${thread}] ${lg('o.a.c.c.C.[.[.[/].[dispatcherServlet]')} : Servlet.service() for servlet [dispatcherServlet] threw exception`,
        'java.lang.IllegalStateException: order 81723 is locked',
        '\tat com.example.orders.OrderService.update(OrderService.java:118)',
        '\tat com.example.orders.OrderController.put(OrderController.java:64)',
        '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
        '\t... 48 common frames omitted',
      );
    } else if (r < 0.01) {
      out.push(`${stamp(t)}  WARN 4242 --- [${thread}] ${lg('c.e.orders.InventoryClient')} : inventory call slow: ${200 + Math.floor(rand() * 800)} ms`);
    } else if (r < 0.3) {
      out.push(`${stamp(t)} DEBUG 4242 --- [${thread}] ${lg('o.s.jdbc.datasource.DataSourceUtils')} : Fetching JDBC Connection from DataSource`);
    } else {
      out.push(`${stamp(t)}  INFO 4242 --- [${thread}] ${lg('c.e.web.RequestLoggingFilter')} : GET /api/orders 200 ${1 + Math.floor(rand() * 40)}ms`);
    }
  }
  return out;
}

function measure(lines: readonly string[]): { mbps: number; cpuMbps: number; records: number } {
  let records = 0;
  const sink = javaLogParser.create(
    { fileName: 'bench.log', time: { localToUtc: (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms), referenceDay: 0 } },
    (r: LogRecord | SkippedLine) => {
      if (r.type === 'log') records++;
    },
  );
  let bytes = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    sink.line(l, i + 1, offset, l.length);
    offset += l.length + 1;
    bytes += l.length + 1;
  }
  sink.end();
  const secs = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  return { mbps: bytes / 1e6 / secs, cpuMbps: bytes / 1e6 / cpuSecs, records };
}

if (process.argv[1]?.endsWith('measure-speed.ts')) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const lines = springBootLines(n);
  measure(lines.slice(0, 50_000)); // warm up the JIT
  for (let run = 1; run <= 3; run++) {
    const r = measure(lines);
    // CPU-time throughput is the stable figure on a shared machine; wall time includes waiting for a core.
    console.log(`run ${run}: ${n} lines, ${r.records} records, ${r.mbps.toFixed(1)} MB/s wall, ${r.cpuMbps.toFixed(1)} MB/s of CPU time`);
  }
}
