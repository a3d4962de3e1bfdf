/** Gathers what the postmortem is made of from the store: the analysis report, annotations and host names. */
import { buildReport } from '../../api/analyze';
import { readLines } from '../../content/lines';
import type { Annotation } from '../../model/annotation';
import type { Store } from '../../store';
import { hostNamesIn, hostOfPeer, isHostName } from './hosts';
import type { PostmortemAnnotation, PostmortemInput } from './types';

/** Lines read from the top of each file to find the host it was captured on (collector headers, first records). */
const HEAD_LINES = 5;

export function buildPostmortemInput(store: Store, bundleId: number): PostmortemInput {
  const report = buildReport(store, bundleId, store.path, false, []);
  return {
    bundle: {
      name: report.bundle.name,
      tz: report.bundle.tz,
      tzSource: report.bundle.tzSource,
      bytes: report.bundle.bytes,
      lines: report.bundle.lines,
      records: report.bundle.records,
      stopped: report.bundle.stopped,
    },
    findings: report.findings,
    episodes: report.episodes,
    rootCauses: report.rootCauses,
    consequences: report.consequences,
    annotations: store.annotations.list(bundleId).map((a) => withTime(store, bundleId, a)),
    files: report.files,
    hosts: bundleHosts(store, bundleId),
    anonymized: false,
  };
}

/** An annotation on a file line without a time gets the time of the log record that line belongs to. */
function withTime(store: Store, bundleId: number, a: Annotation): PostmortemAnnotation {
  const base = { id: a.id, marker: a.marker, text: a.text, ts: a.ts, tsEnd: a.tsEnd, filePath: a.filePath, line: a.line, ref: a.ref, tsFromLine: false };
  if (a.ts !== null || a.filePath === null || a.line === null) return base;
  const file = store.files.byPath(bundleId, a.filePath);
  const ev = file ? store.events.atLine(file.id, a.line) : undefined;
  return ev && ev.ts !== null && ev.end_line >= a.line ? { ...base, ts: ev.ts, tsFromLine: true } : base;
}

/** Host names the data states: snapshot hosts, socket peers, and host fields at the top of every file. */
function bundleHosts(store: Store, bundleId: number): string[] {
  const hosts = new Set<string>();
  const add = (h: string | null | undefined) => {
    const name = h ? hostOfPeer(h) : null;
    if (name && isHostName(name)) hosts.add(name);
  };
  for (const f of store.files.list(bundleId)) {
    for (const s of store.snapshots.ofFile(f.id)) add(s.host);
    for (const l of readLines(store, f.id, 1, HEAD_LINES)) hostNamesIn(l.text).forEach((h) => hosts.add(h));
  }
  for (const p of store.series.socketStates(bundleId)) add(p.remote);
  for (const q of store.series.queues(bundleId)) {
    add(q.local);
    add(q.remote);
  }
  return [...hosts].sort();
}
