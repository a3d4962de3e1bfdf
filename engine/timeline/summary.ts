/**
 * The precomputed counts behind the density histogram. The engine builds them once after the bulk
 * load (`buildTimelineSummary`); a bundle read before that gets them on its first timeline query.
 */
import type { Store } from '../store';
import { timelineQueries } from './queries';
import type { SecondCounts } from '../store/timeline-queries';
import { TimelineError } from './types';

/**
 * Counts events per file, slot (1 s … 1 day), level and kind; creates the timeline's index unless
 * `index` is false (a face without a timeline; the first timeline query creates it then).
 */
export function buildTimelineSummary(store: Store, bundleId: number, now = Date.now(), streamed?: (fileId: number) => SecondCounts | null, index = true): void {
  if (!store.bundles.get(bundleId)) throw new TimelineError(`no bundle ${bundleId}`);
  timelineQueries(store).buildSummary(bundleId, now, streamed, index);
}

/**
 * Makes sure every file of a fully read bundle is summarised. A re-ingest drops the summaries with
 * the files, so a rebuilt bundle is summarised again here.
 */
export function ensureTimelineSummary(store: Store, bundleId: number): void {
  const b = store.bundles.get(bundleId);
  if (!b) throw new TimelineError(`no bundle ${bundleId}`);
  const q = timelineQueries(store);
  if (q.unsummarised(bundleId) === 0) return q.ensureIndex();
  if (b.status === 'failed') throw new TimelineError(`reading ${b.path} failed; open it again to see its timeline`);
  if (b.status !== 'complete') throw new TimelineError(`${b.path} is still being read; its timeline is available once it is complete`);
  q.buildSummary(bundleId, Date.now());
}
