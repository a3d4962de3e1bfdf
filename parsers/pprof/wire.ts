/**
 * A check of profile.proto's top-level message before any decoding: every field is one the message
 * declares, with its wire type, and every length-delimited field fits in the bytes. It counts the
 * repeated fields too, so the engine can refuse a profile too large to decode before building it.
 * A head of a file (`complete: false`) may end inside a field.
 */

/** profile.proto's top-level fields: 1–6, 11 and 13 (packed) are length-delimited, the rest varints. */
const LEN_FIELDS = new Set([1, 2, 3, 4, 5, 6, 11, 13]);
const VARINT_FIELDS = new Set([7, 8, 9, 10, 12, 13, 14, 15]);

export interface WireCounts {
  sampleTypes: number;
  samples: number;
  mappings: number;
  locations: number;
  functions: number;
  strings: number;
}

export type WireScan = { ok: true; counts: WireCounts; fields: number } | { ok: false; problem: string; fields: number };

function varint(b: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  let mul = 1;
  for (let i = at; i < b.length && i < at + 10; i++) {
    const byte = b[i]!;
    value += (byte & 0x7f) * mul;
    mul *= 128;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

export function scanProfileWire(b: Uint8Array, complete = true): WireScan {
  const counts: WireCounts = { sampleTypes: 0, samples: 0, mappings: 0, locations: 0, functions: 0, strings: 0 };
  let at = 0;
  let fields = 0;
  while (at < b.length) {
    const tag = varint(b, at);
    if (!tag) return complete ? { ok: false, problem: `truncated (a field tag at byte ${at} runs past the end)`, fields } : { ok: true, counts, fields };
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    if (wire === 2 && LEN_FIELDS.has(field)) {
      const len = varint(b, tag.next);
      if (!len) return complete ? { ok: false, problem: `truncated (field ${field} at byte ${at} has no length)`, fields } : { ok: true, counts, fields };
      const end = len.next + len.value;
      if (end > b.length && complete) return { ok: false, problem: `truncated (field ${field} at byte ${at} needs ${len.value} bytes, ${b.length - len.next} are left)`, fields };
      at = end;
    } else if (wire === 0 && VARINT_FIELDS.has(field)) {
      const v = varint(b, tag.next);
      if (!v) return complete ? { ok: false, problem: `truncated (field ${field} at byte ${at} ends inside its value)`, fields } : { ok: true, counts, fields };
      at = v.next;
    } else {
      return { ok: false, problem: `not a pprof profile (field ${field} with wire type ${wire} at byte ${at})`, fields };
    }
    fields++;
    if (field === 1) counts.sampleTypes++;
    else if (field === 2) counts.samples++;
    else if (field === 3) counts.mappings++;
    else if (field === 4) counts.locations++;
    else if (field === 5) counts.functions++;
    else if (field === 6) counts.strings++;
  }
  if (complete && counts.sampleTypes === 0) return { ok: false, problem: 'not a pprof profile (no sample type)', fields };
  if (complete && counts.strings === 0) return { ok: false, problem: 'not a pprof profile (no string table)', fields };
  return { ok: true, counts, fields };
}
