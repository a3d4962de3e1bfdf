/**
 * hikari-pool-saturated from metrics inside logs: the statistics a service logs about its own
 * connection pool, read like HikariCP's pool stats lines.
 *
 * - A gauge of waiters (node-postgres `pg.Pool` waitingCount, a generic `pool.waiting`): a sample is full
 *   when callers wait and no connection is idle (or every connection is in use). It stays full up to the
 *   next sample when that one is full too, as HikariCP's lines do.
 * - A cumulative wait counter (Go database/sql `DBStats.WaitCount`, with InUse / Idle /
 *   MaxOpenConnections): database/sql makes a caller wait only when MaxOpenConnections are all in use,
 *   so a count that rose between two samples says the pool was full in that interval, and by how many
 *   waits. The occurrence is the interval.
 *
 * A pool is one object of one line (`pool.totalCount`, `pool.idleCount`… or `db.InUse`, `db.WaitCount`…):
 * its fields share the file, the process, the message and the parent path.
 */
import type { EvidenceRef } from '../../model/evidence';
import type { FindingDraft } from '../../model/finding';
import { formatMs, plural } from '../findings-from-hits';
import { leafOf, parentOf, type PoolRole } from '../log-metric-fields';
import { logMetricLabel, logSeries, processOfRow, type LogMetricRef, type LogSeries } from '../log-metric-series';
import type { DetectContext } from '../types';
import type { HikariPoolSaturatedData, SaturatedOcc } from './hikari-pool-saturated';
import { seriesBy } from '../series';

/**
 * A pool sampled every few seconds that is full on one sample only had a moment's queue: the next sample
 * already finds it free. HikariCP prints its statistics every 30 s, or when a caller has already timed out,
 * so one of its lines says more than one sample here.
 */
const MIN_FULL_SAMPLES = 2;

export interface Sample {
  ts: number;
  eventId: number;
  fileId: number;
  line: number;
  v: Partial<Record<PoolRole, number>>;
}

interface Full {
  s: Sample;
  from: number;
  total: number;
  active: number;
  waiting: number;
}

const at = (s: Sample, note: string): EvidenceRef => ({ fileId: s.fileId, line: s.line, ts: s.ts, ref: `event:${s.eventId}`, note });

/** Series of one pool object, keyed by role. */
export function pools(series: readonly LogSeries[]): LogSeries[][] {
  return [...seriesBy(series, (s) => `${s.row.fileId}|${s.row.pid ?? ''}|${s.row.message}|${parentOf(s.row.field)}`).values()];
}

/** The samples of one pool: the values its fields had on each line, in time order. */
export function samplesOf(members: readonly LogSeries[]): Sample[] {
  const byEvent = new Map<number, Sample>();
  for (const m of members) {
    const role = m.role.slice('pool.'.length) as PoolRole;
    for (const p of m.points) {
      let s = byEvent.get(p.eventId);
      if (!s) byEvent.set(p.eventId, (s = { ts: p.ts, eventId: p.eventId, fileId: p.fileId, line: p.line, v: {} }));
      s.v[role] ??= p.value;
    }
  }
  return [...byEvent.values()].sort((a, b) => a.ts - b.ts || a.eventId - b.eventId);
}

/** The samples that show the pool full, each with when it was known to be full from. */
function fullSamples(samples: readonly Sample[]): Full[] {
  const out: Full[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const { total, idle, inUse, waiting, waitCount, max } = s.v;
    const size = total ?? (inUse !== undefined && idle !== undefined ? inUse + idle : max);
    const busy = inUse ?? (size !== undefined && idle !== undefined ? size - idle : undefined);
    if (waiting !== undefined) {
      const noneFree = idle !== undefined ? idle === 0 : busy !== undefined && size !== undefined && busy >= size;
      if (waiting > 0 && noneFree) out.push({ s, from: s.ts, total: size ?? busy ?? 0, active: busy ?? size ?? 0, waiting });
      continue;
    }
    const prev = samples[i - 1];
    if (waitCount === undefined || prev?.v.waitCount === undefined) continue;
    const waits = waitCount - prev.v.waitCount;
    if (waits > 0) out.push({ s, from: prev.ts, total: max && max > 0 ? max : size ?? 0, active: busy ?? 0, waiting: waits });
  }
  return out;
}

export function poolSaturationFromLogs(ctx: DetectContext, signature: string): FindingDraft<HikariPoolSaturatedData, SaturatedOcc>[] {
  const out: FindingDraft<HikariPoolSaturatedData, SaturatedOcc>[] = [];
  const series = logSeries(ctx, ['pool.total', 'pool.idle', 'pool.inUse', 'pool.waiting', 'pool.waitCount', 'pool.max']);
  for (const members of pools(series)) {
    const roles = new Set(members.map((m) => m.role));
    if (!roles.has('pool.waiting') && !roles.has('pool.waitCount')) continue;
    const samples = samplesOf(members);
    const full = fullSamples(samples);
    if (full.length < MIN_FULL_SAMPLES) continue;
    const row = members[0]!.row;
    const parent = parentOf(row.field);
    const name = parent ? `${row.message} · ${parent}` : row.message;
    const refs: LogMetricRef[] = members.map((m) => m.ref);
    const cumulative = !roles.has('pool.waiting');
    const next = new Map<number, number>();
    samples.forEach((s, i) => next.set(s.eventId, samples[i + 1]?.ts ?? s.ts));
    const fullIds = new Set(full.map((f) => f.s.eventId));
    const peak = full.reduce((a, b) => (b.waiting > a.waiting ? b : a));
    const size = Math.max(...full.map((f) => f.total));
    const where = logMetricLabel({ message: row.message, field: parent || leafOf(row.field), file: row.path, pid: row.pid });
    const waited = full.reduce((a, f) => a + f.waiting, 0);
    out.push({
      signature,
      severity: 'medium',
      title: `Connection pool saturated: ${name} (${row.path})`,
      summary: cumulative
        ? `${where}: callers waited for a connection in ${full.length} of ${samples.length - 1} intervals between samples ` +
          `(${plural(waited, 'wait')}, at most ${peak.waiting} in one interval)${size ? `, the pool at its maximum of ${size} connections` : ''}, ` +
          `over ${formatMs(full.at(-1)!.s.ts - full[0]!.from)}.`
        : `${where}: ${plural(full.length, 'sample')} of ${samples.length} show${full.length === 1 ? 's' : ''} ${size ? `all ${size} connections` : 'every connection'} busy with callers waiting; at most ${peak.waiting} waiting.`,
      first: full[0]!.from,
      last: full.at(-1)!.s.ts,
      count: full.length,
      data: { pools: { [name]: size }, peakWaiting: peak.waiting, source: 'log', series: refs },
      evidence: [
        at(full[0]!.s, 'first sample with the pool full'),
        ...(peak !== full[0] && peak !== full.at(-1) ? [at(peak.s, cumulative ? 'most waits in one interval' : 'most callers waiting')] : []),
        ...(full.length > 1 ? [at(full.at(-1)!.s, 'last sample with the pool full')] : []),
      ],
      occurrences: full.map((f): SaturatedOcc => {
        // A gauge full at the next sample too stayed full in between; a counter's interval is its own span.
        const until = !cumulative && fullIds.has(samples[samples.indexOf(f.s) + 1]?.eventId ?? -1) ? next.get(f.s.eventId)! : null;
        return {
          ts: f.from, ...(f.from !== f.s.ts ? { end: f.s.ts, lineTs: f.s.ts } : until !== null ? { end: until, lineTs: f.s.ts } : {}),
          fileId: f.s.fileId, line: f.s.line, ref: `event:${f.s.eventId}`, process: processOfRow(row),
          note: cumulative ? `${plural(f.waiting, 'wait')} for a connection since the previous sample` : `${f.waiting} waiting, none idle`,
          pool: name, total: f.total, active: f.active, waiting: f.waiting,
        };
      }),
    });
  }
  return out;
}
