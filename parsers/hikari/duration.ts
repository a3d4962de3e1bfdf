/**
 * HikariCP's `ClockSource.elapsedDisplayString`: units from days down to nanoseconds, each printed
 * only when non-zero (`1h2m5s15ms949µs613ns`, `25m48s166ms`, `-3s`). Versions up to 2.5 print the
 * micro sign as U+03BC `μ`, later ones U+00B5 `µ`; both are read, as is a plain `us`.
 */

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };

/** Milliseconds (truncated towards zero) of a display string, or null when it is not one. */
export function parseHikariDuration(text: string): number | null {
  const t = text.trim();
  let i = 0;
  let neg = false;
  if (t.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  if (i >= t.length) return null;
  let wholeMs = 0;
  let fracMs = 0;
  while (i < t.length) {
    const numStart = i;
    while (i < t.length && t.charCodeAt(i) >= 48 && t.charCodeAt(i) <= 57) i++;
    if (i === numStart || i - numStart > 15) return null;
    const n = Number(t.slice(numStart, i));
    let unit: string;
    const c = t[i];
    const next = t[i + 1];
    if (c === 'm' && next === 's') unit = 'ms';
    else if ((c === 'µ' || c === 'μ' || c === 'u') && next === 's') unit = 'us';
    else if (c === 'n' && next === 's') unit = 'ns';
    else if (c === 'd' || c === 'h' || c === 'm' || c === 's') unit = c;
    else return null;
    i += unit.length;
    const f = UNIT_MS[unit]!;
    if (f >= 1) wholeMs += n * f;
    else fracMs += n * f;
  }
  const ms = wholeMs + Math.floor(fracMs);
  return neg ? -ms : ms;
}
