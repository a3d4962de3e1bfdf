/**
 * One line of a class histogram, whatever printed it. Shared by the jmap parser and the GC-log
 * parser (`-XX:+PrintClassHistogram`, `-Xlog:gc+classhisto=trace`), which strip their own line
 * prefixes first. Regexes are anchored and linear: no nested quantifiers.
 */
import { normaliseClassName } from './class-names';
import type { HistogramRow } from './model';

export type HistogramLine =
  | { kind: 'row'; row: HistogramRow; jvmkill: boolean }
  /** ` num  #instances  #bytes  class name (module)`, SA's `Class description`, jvmkill's `| Instance Count |…`. */
  | { kind: 'header'; sa: boolean; jvmkill: boolean }
  | { kind: 'rule' }
  | { kind: 'total'; instances: number; bytes: number }
  | { kind: 'elision' };

const ROW = /^(\d+):\s+(\d+)\s+(\d+)\s+(\S.*)$/;
const HEADER = /^num\s+#instances\s+#bytes\s+(class name|class description)/i;
const TOTAL = /^Total\s*:?\s+(\d+)\s+(\d+)$/;
const MODULE = /^(\S+) \(([^()\s]+)\)$/;

/** `name (module@version)` → name and module; SA pseudo-classes keep their spaces. */
function splitModule(text: string): { rawName: string; module?: string } {
  const m = MODULE.exec(text);
  return m ? { rawName: m[1]!, module: m[2]! } : { rawName: text };
}

function makeRow(rank: number, instances: string, bytes: string, name: string): HistogramRow {
  const { rawName, module } = splitModule(name);
  const row: HistogramRow = { rank, instances: Number(instances), bytes: Number(bytes), className: normaliseClassName(rawName), rawName };
  if (module) row.module = module;
  return row;
}

/** jvmkill: `| 282766 | 49997496 | [C |`; the last cell may lack its closing bar when a paste was cut. */
function jvmkillLine(t: string): HistogramLine | null {
  const cells = t.split('|').map((c) => c.trim());
  if (cells.length < 4) return null;
  const [, count, bytes, name] = cells;
  if (/^instance count$/i.test(count!) && /^total bytes$/i.test(bytes!)) return { kind: 'header', sa: false, jvmkill: true };
  if (!/^\d+$/.test(count!) || !/^\d+$/.test(bytes!) || !name) return null;
  return { kind: 'row', row: makeRow(0, count!, bytes!, name), jvmkill: true };
}

/** Classify a line (already stripped of any prefix); null when it is not part of a histogram. */
export function parseHistogramLine(line: string): HistogramLine | null {
  const t = line.trim();
  if (t === '') return null;
  const c = t.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const m = ROW.exec(t);
    return m ? { kind: 'row', row: makeRow(Number(m[1]), m[2]!, m[3]!, m[4]!), jvmkill: false } : null;
  }
  if (t[0] === '|') return jvmkillLine(t);
  const h = HEADER.exec(t);
  if (h) return { kind: 'header', sa: h[1]!.toLowerCase() === 'class description', jvmkill: false };
  if (/^-{5,}$/.test(t)) return { kind: 'rule' };
  const total = TOTAL.exec(t);
  if (total) return { kind: 'total', instances: Number(total[1]), bytes: Number(total[2]) };
  if (/^(?:\.{3,}|…+)$/.test(t)) return { kind: 'elision' };
  return null;
}
