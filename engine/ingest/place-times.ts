/**
 * After every file is read: put time-only logs on their day, then re-time every zone-less time
 * with the bundle's zone. Parsers stored such times as wall clock read as UTC.
 */
import type { Zone } from 'luxon';
import type { Store } from '../store';
import { TQ } from '../store/events';
import type { FileOutcome } from './file-ingest';
import type { StreamStats } from './stream-stats';
import { utcToWall, wallToUtc } from './zone';

const DAY = 86_400_000;
const DATELESS = 366 * DAY;

/** The local day (wall clock as UTC, at midnight) dated files of the bundle start on; else null. */
export function bundleReferenceDay(store: Store, zone: Zone, outcomes: readonly FileOutcome[]): number | null {
  let best: number | null = null;
  for (const o of outcomes) {
    if (o.dateless) continue;
    const f = store.files.get(o.fileId);
    if (!f || f.first_ts === null) continue;
    const wall = f.time_quality === 'explicit' ? utcToWall(zone, f.first_ts) : f.first_ts;
    if (best === null || wall < best) best = wall;
  }
  return best === null ? null : Math.floor(best / DAY) * DAY;
}

/**
 * `own(path)` gives a file its own zone when its program's other files print one (see siblingOffset);
 * every other zone-less time takes the bundle's zone.
 */
export function placeTimes(
  store: Store,
  bundleZone: Zone,
  outcomes: readonly FileOutcome[],
  own: (path: string) => { zone: Zone; note: string } | null = () => null,
  stats?: Pick<StreamStats, 'placed' | 'eventRange'>,
): void {
  const refDay = bundleReferenceDay(store, bundleZone, outcomes);
  for (const o of outcomes) {
    const mine = own(o.path);
    const zone = mine?.zone ?? bundleZone;
    const toUtc = wallToUtc(zone);
    const fixed = zone.isUniversal ? zone.offset(0) * 60_000 : null;
    if (mine && store.events.hasAssumed(o.fileId)) store.files.appendNote(o.fileId, mine.note);
    // Snapshots that printed only a time of day (top) sit on day 0 like time-only logs.
    const datelessSnaps = store.snapshots.ofFile(o.fileId).filter((s) => s.tq === TQ.assumed && s.captured_at !== null && s.captured_at < DATELESS);
    if (datelessSnaps.length) {
      const day = refDay ?? (o.mtime !== null ? Math.floor(utcToWall(zone, o.mtime) / DAY) * DAY : null);
      if (day !== null) store.snapshots.shiftDateless(o.fileId, day, DATELESS);
    }
    if (o.dateless) {
      const fromMtime = o.mtime !== null ? Math.floor(utcToWall(zone, o.mtime) / DAY) * DAY : null;
      const day = refDay ?? fromMtime;
      if (day !== null) {
        store.files.shiftTimes(o.fileId, day, TQ.assumed);
        const source = refDay !== null ? 'the first date of the other logs in the bundle' : "the file's modification time";
        store.files.appendNote(o.fileId, `time of day only: placed on ${new Date(day).toISOString().slice(0, 10)} (from ${source})`);
      } else {
        store.files.appendNote(o.fileId, 'time of day only and no date anywhere in the bundle: times are not placed on a day');
      }
    }
    // Every file: records written by handlers (GC pauses) are not in the parser's counts.
    store.events.convertAssumed(o.fileId, toUtc, fixed);
    stats?.placed(o.fileId, toUtc, fixed, o.dateless);
    store.snapshots.convertAssumed(o.fileId, toUtc, fixed);
    // The events' range as the stream kept it, when it could: no scan of the file's events.
    store.files.refreshRange(o.fileId, stats?.eventRange(o.fileId) ?? undefined);
  }
}
