import { useEffect, useRef, useState } from 'react';
import type { SeriesData, SeriesInfo } from '../../../../engine/timeline/series-types';
import { api } from '../../api/client';
import { fetchWhole, pointsFor } from './model/series';
import type { TimeWindow } from './model/scale';

interface Entry {
  key: string;
  data: SeriesData;
}

/**
 * Points of the chosen series for the window: a small series is fetched whole once (zooming then
 * costs nothing); a large one per window, with a window's width of margin on each side so panning
 * shows lines right away, at about one point per pixel (the engine keeps the extremes).
 */
export function useSeriesData(
  bundle: string,
  ids: readonly string[],
  infos: ReadonlyMap<string, SeriesInfo>,
  win: TimeWindow,
  width: number,
): { data: Map<string, SeriesData>; errors: string[]; loading: boolean } {
  const [cache, setCache] = useState<Map<string, Entry>>(() => new Map());
  const [errors, setErrors] = useState<Map<string, string>>(() => new Map());
  const cacheRef = useRef(cache);
  cacheRef.current = cache;

  const wantKey = (id: string): { key: string; from?: number; to?: number; maxPoints: number } | null => {
    const info = infos.get(id);
    if (!info || width <= 0) return null;
    if (fetchWhole(info, width)) return { key: `${id}|whole`, maxPoints: Math.max(4, info.points) };
    const span = win.to - win.from;
    const from = Math.floor(win.from - span);
    const to = Math.ceil(win.to + span);
    const maxPoints = Math.min(6000, 3 * pointsFor(width));
    return { key: `${id}|${from}|${to}|${maxPoints}`, from, to, maxPoints };
  };
  const wants = ids.map((id) => [id, wantKey(id)] as const);
  const wantsKey = wants.map(([id, w]) => `${id}=${w?.key ?? ''}`).join('\n');

  useEffect(() => {
    let alive = true;
    const missing = wants.filter(([id, w]) => w && cacheRef.current.get(id)?.key !== w.key);
    if (missing.length === 0) return;
    // Whole series right away; windowed ones after the wheel settles.
    const delay = missing.every(([, w]) => w!.key.endsWith('|whole')) ? 0 : 150;
    const timer = setTimeout(() => {
      for (const [id, w] of missing) {
        const range = w!.from !== undefined ? { from: w!.from, to: w!.to, maxPoints: w!.maxPoints } : { maxPoints: w!.maxPoints };
        api.seriesData(bundle, id, range).then(
          (data) => {
            if (!alive) return;
            setCache((prev) => new Map(prev).set(id, { key: w!.key, data }));
            setErrors((prev) => {
              if (!prev.has(id)) return prev;
              const n = new Map(prev);
              n.delete(id);
              return n;
            });
          },
          (e: Error) => alive && setErrors((prev) => new Map(prev).set(id, `${infos.get(id)?.label ?? id}: ${e.message}`)),
        );
      }
    }, delay);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bundle, wantsKey]);

  const data = new Map<string, SeriesData>();
  let loading = false;
  for (const [id, w] of wants) {
    const e = cache.get(id);
    if (e) data.set(id, e.data);
    if (w && e?.key !== w.key && !errors.has(id)) loading = true;
  }
  return { data, errors: ids.map((id) => errors.get(id)).filter((x): x is string => !!x), loading };
}
