/** Formatting shared by the text, Markdown and JSON faces. */
export function isoUtc(ts: number | null | undefined): string | null {
  if (ts === null || ts === undefined || !Number.isFinite(ts)) return null;
  return new Date(ts).toISOString().replace(/\.000Z$/, 'Z');
}

/** `2021-01-30 22:13:48 UTC`, for prose and tables. */
export function humanUtc(ts: number | null | undefined): string {
  const iso = isoUtc(ts);
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
