/**
 * The timeline as a mermaid `timeline` diagram. Mermaid's timeline grammar splits events on `:`,
 * treats `#` and `%%` as comments (and older releases stop at `;`), and its renderer sanitises
 * HTML; such characters are swapped for look-alikes so any text yields a valid diagram.
 */
import { clock, type TimelineRow } from './timeline';

const MAX_EVENT = 80;

const LOOKALIKE: Record<string, string> = {
  ':': '\u2236', // RATIO
  '#': '\uFF03', // FULLWIDTH NUMBER SIGN
  ';': '\uFF1B', // FULLWIDTH SEMICOLON
  '%': '\uFF05', // FULLWIDTH PERCENT SIGN
  '<': '\u2039', // SINGLE LEFT-POINTING ANGLE QUOTATION MARK
  '>': '\u203A', // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
  '{': '\uFF5B', // FULLWIDTH LEFT CURLY BRACKET
  '}': '\uFF5D', // FULLWIDTH RIGHT CURLY BRACKET
  '`': '\u02CB', // MODIFIER LETTER GRAVE ACCENT
};

/** Text safe inside a mermaid timeline period or event: one line, no grammar characters. */
export function mermaidText(s: string, max = MAX_EVENT): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  const clipped = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return clipped.replace(/[:#;%<>{}`]/g, (c) => LOOKALIKE[c] ?? c) || '…';
}

function label(r: TimelineRow): string {
  if (r.kind === 'annotation') return `${r.marker} — ${r.event}`;
  if (r.kind === 'key-event') return `${r.event} (${r.evidence})`;
  return r.event;
}

/** A ```mermaid block: a section per UTC day, a period per second, the rows of that second as its events. */
export function mermaidTimeline(rows: readonly TimelineRow[], title = 'Incident timeline (UTC)'): string {
  const out = ['```mermaid', 'timeline', `    title ${mermaidText(title)}`];
  let day = '';
  let period = '';
  for (const r of rows) {
    if (r.ts === null) continue;
    const iso = new Date(r.ts).toISOString();
    if (iso.slice(0, 10) !== day) {
      day = iso.slice(0, 10);
      period = '';
      out.push(`    section ${day}`);
    }
    const p = mermaidText(clock(Math.floor(r.ts / 1000) * 1000));
    const event = mermaidText(label(r));
    if (p === period) out.push(`        : ${event}`);
    else out.push(`        ${p} : ${event}`);
    period = p;
  }
  out.push('```');
  return out.join('\n');
}
