/** The lanes of the timeline: every file that puts something on it, with its counts and time span. */
import type { Store } from '../store';
import { timelineQueries } from './queries';
import { ensureTimelineSummary } from './summary';
import type { TimelineSource } from './types';

const min = (...xs: (number | null)[]): number | null => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);
const max = (...xs: (number | null)[]): number | null => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);

export function timelineSources(store: Store, bundleId: number): TimelineSource[] {
  ensureTimelineSummary(store, bundleId);
  return timelineQueries(store)
    .sources(bundleId)
    .filter((s) => (s.events ?? 0) + (s.untimed ?? 0) + s.snapshots + s.metricPoints > 0)
    .map((s) => ({
      fileId: s.fileId, path: s.path, kind: s.kind, events: s.events ?? 0, untimed: s.untimed ?? 0, errors: s.errors ?? 0, warnings: s.warnings ?? 0,
      snapshots: s.snapshots, metricPoints: s.metricPoints,
      first: min(s.firstEvent, s.firstSnapshot, s.firstMetric), last: max(s.lastEvent, s.lastSnapshot, s.lastMetric),
    }));
}
