/**
 * Value cells as exports print them: `12.5`, `1e-3`, `null`, empty, `12.5%`, `1.21 GiB`, `300 ms`,
 * `1.50 K` (Grafana "short"), `14,87` (decimal comma when the delimiter is not a comma), `1,026`
 * (thousands). Bytes normalise to bytes and durations to ms; other units are kept for the series name.
 */

export interface CellValue {
  value: number | null;
  /** Unit label for the series name: `%`, `bytes`, `ms`, or the printed unit; null when none. */
  unit: string | null;
}

const NULLS = new Set(['', 'null', 'NULL', 'NaN', 'nan', 'undefined', '-', 'N/A', 'n/a', 'None']);
const BYTES: Record<string, number> = {
  B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5,
};
const DURATION_MS: Record<string, number> = { ns: 1e-6, µs: 1e-3, μs: 1e-3, us: 1e-3, ms: 1, s: 1000, sec: 1000, min: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 };
const SHORT: Record<string, number> = { K: 1e3, Mil: 1e6, Bil: 1e9, Tri: 1e12 };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A plain number, allowing `1,026` thousands and, when `decimalComma`, `14,87`. */
export function parseNumber(s: string, decimalComma: boolean): number | null {
  if (NUMBER.test(s)) return Number(s);
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  if (decimalComma && /^[+-]?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** Null when the cell is not a number (with or without a unit) nor empty. */
export function parseCellValue(raw: string, decimalComma: boolean): CellValue | null {
  const s = raw.trim();
  if (NULLS.has(s)) return { value: null, unit: null };
  const plain = parseNumber(s, decimalComma);
  if (plain !== null) return { value: plain, unit: null };
  const m = /^([+-]?[\d.,]{1,40}(?:[eE][+-]?\d{1,3})?)\s?(%|[A-Za-zµμ°/]{1,12}(?:\/[A-Za-z]{1,4})?)$/.exec(s);
  if (!m) return null;
  const n = parseNumber(m[1]!, decimalComma);
  if (n === null) return null;
  const u = m[2]!;
  if (u === '%') return { value: n, unit: '%' };
  if (BYTES[u] !== undefined) return { value: Math.round(n * BYTES[u]!), unit: 'bytes' };
  if (DURATION_MS[u] !== undefined) return { value: n * DURATION_MS[u]!, unit: 'ms' };
  if (SHORT[u] !== undefined) return { value: n * SHORT[u]!, unit: null };
  return { value: n, unit: u };
}
