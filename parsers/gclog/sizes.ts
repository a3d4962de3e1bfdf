/** Heap sizes as GC logs print them: `24M`, `7888.0K`, `0.0B`, `1024.0M`, `1,5G` (decimal comma locales). */

const UNIT_KB: Record<string, number> = { B: 1 / 1024, K: 1, M: 1024, G: 1024 * 1024, T: 1024 * 1024 * 1024 };

export const SIZE = String.raw`\d+(?:[.,]\d+)?[BKMGT]`;

/** Kilobytes, rounded to whole KB; null when `s` is not a size. */
export function sizeKb(s: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)([BKMGT])$/.exec(s.trim());
  if (!m) return null;
  return Math.round(Number(m[1]!.replace(',', '.')) * UNIT_KB[m[2]!]!);
}

/** Seconds as printed (`0,0123456` in some locales) → ms. */
export function secondsToMs(s: string): number {
  return Math.round(Number(s.replace(',', '.')) * 1e9) / 1e6; // to the ns, without float noise (0.013569 s → 13.569)
}

/** `before->after(total)` (unified, ParNew, PS) or G1-legacy `before(total)->after(total)`. */
export function heapTransition(text: string): { before: number; after: number; total: number } | null {
  const a = new RegExp(`(${SIZE})->(${SIZE})\\((${SIZE})\\)`).exec(text);
  if (a) return sizes(a[1]!, a[2]!, a[3]!);
  const g = new RegExp(`(${SIZE})\\((${SIZE})\\)->(${SIZE})\\((${SIZE})\\)`).exec(text);
  if (g) return sizes(g[1]!, g[3]!, g[4]!);
  return null;
}

function sizes(b: string, a: string, t: string): { before: number; after: number; total: number } | null {
  const before = sizeKb(b);
  const after = sizeKb(a);
  const total = sizeKb(t);
  return before === null || after === null || total === null ? null : { before, after, total };
}
