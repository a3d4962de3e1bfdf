/**
 * Lock references as the different dump styles print them, reduced to one comparable id:
 * `<0x000000076ab62208> (a java.lang.Object)`, `<9fffffff59c52280>` (HP-UX), `<5612c816>` and
 * `java.util.TaskQueue@7311acb7` (VisualVM / ThreadInfo identity hashes), `0x… (object 0x…, a X)`.
 */
import type { LockRef } from './model';

const HEX = /^(?:0x)?([0-9a-f]{1,16})$/i;

/** `0x76AB62208` / `9fffffff59c52280` / `5612c816` → `0x000000076ab62208`; null if not hex. */
export function normaliseLockId(raw: string): string | null {
  const m = HEX.exec(raw.trim());
  if (!m) return null;
  return '0x' + m[1]!.toLowerCase().padStart(16, '0');
}

/** `(a java.lang.Object)` → `java.lang.Object`. */
const A_CLASS = /\(an? ([^()]+)\)/;
/** `<0x…>` anywhere in the text. */
const ANGLE = /<((?:0x)?[0-9a-fA-F]{1,16})>/;
/** `java.util.concurrent.locks.ReentrantLock$NonfairSync@7a29682f`, `[I@13e977d`, `[Ljava.lang.Object;@5a`. */
const CLASS_AT = /(?<![\w$.;[])([\w$.;[]+)@([0-9a-fA-F]{1,16})(?![\w@])/; // lookbehind: one try per token, not per character

/**
 * The object of a lock line's tail: `<0x…> (a X)`, `X@hash`. Tolerates noise between the parts
 * (a shell prompt pasted into a line). Returns null for `<no object reference available>`.
 */
export function parseLockTarget(text: string): LockRef | null {
  const angle = ANGLE.exec(text);
  if (angle) {
    const id = normaliseLockId(angle[1]!);
    if (!id) return null;
    const cls = A_CLASS.exec(text.slice(angle.index + angle[0].length));
    return cls ? { id, className: cls[1]!.trim() } : { id };
  }
  const at = CLASS_AT.exec(text);
  if (at) {
    const id = normaliseLockId(at[2]!);
    if (id) return { id, className: at[1]! };
  }
  return null;
}
