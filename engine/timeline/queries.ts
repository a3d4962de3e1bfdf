import type { Store } from '../store';
import { TimelineQueries } from '../store/timeline-queries';

const byDb = new WeakMap<Store['db'], TimelineQueries>();

/** One TimelineQueries per connection, so its prepared statements are reused across calls. */
export function timelineQueries(store: Store): TimelineQueries {
  let q = byDb.get(store.db);
  if (!q) {
    q = new TimelineQueries(store.db);
    byDb.set(store.db, q);
  }
  return q;
}
