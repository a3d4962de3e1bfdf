/** Times are shown in UTC everywhere, like the reports: one clock for every source. */
export function utc(ts: number | null | undefined, withMs = false): string {
  if (ts === null || ts === undefined || !Number.isFinite(ts)) return '—';
  const iso = new Date(ts).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)} UTC`;
}

export function utcTime(ts: number | null | undefined): string {
  if (ts === null || ts === undefined) return '—';
  return new Date(ts).toISOString().slice(11, 19);
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
