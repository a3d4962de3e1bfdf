/**
 * Eclipse MAT "Leak Suspects" report text, as copied out of the HTML report:
 *
 *   Problem Suspect 1
 *   One instance of "a.B" loaded by "L @ 0x1" occupies 116 728 552 (14,87%) bytes. The memory is …
 *
 *   Keywords
 *   a.B
 *
 * Numbers follow the user's locale (`3,121,544 (12.79%)`, `116 728 552 (14,87%)`, `5.223.416`).
 */
import type { MatSuspect } from './model';

const SUSPECT_HEADING = /^Problem Suspect\s+(\d+)\b/i;
const DESCRIPTION = /^(?:One instance of\s+"|The class(?:loader)?\s+"|\d[\d.,\u00a0\u202f' ]{0,25} instances of\s+"|The thread\s)/;
const OCCUPIES = /\boccup(?:y|ies)\s+(\d[\d\s\u00a0\u202f.,']{0,40}?)\s*\(\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*\)\s*bytes/;
const CLASS_NAME = /(?:instances? of|The class(?:loader)?)\s+"([^"]{1,500})"/;
const INSTANCES = /^(\d[\d.,\u00a0\u202f' ]{0,25}) instances of\s/;
const MAX_TEXT = 4000;
/** Regexes only ever see this much of a line, so a pathological line cannot cost more than that. */
const MAX_LINE = 4000;

/** Digits of a locale-formatted integer (`116 728 552`, `3,121,544`, `5.223.416`). */
export function parseLocaleInteger(s: string): number | null {
  const digits = s.replace(/[\s\u00a0\u202f.,']/g, '');
  return /^\d{1,18}$/.test(digits) ? Number(digits) : null;
}

/** True for the lines that open a suspect: a heading or a MAT description sentence. */
export function isMatSuspectStart(line: string): boolean {
  const t = line.slice(0, MAX_LINE).trim();
  return SUSPECT_HEADING.test(t) || (DESCRIPTION.test(t) && OCCUPIES.test(t));
}

/** Accumulates one suspect's lines. */
export class MatSuspectBuilder {
  private readonly text: string[] = [];
  private readonly keywords: string[] = [];
  private mode: 'heading' | 'text' | 'keywords' | 'other' = 'heading';
  private textLen = 0;
  endLine: number;

  constructor(
    private readonly index: number,
    readonly line: number,
  ) {
    this.endLine = line;
  }

  get hasText(): boolean {
    return this.text.length > 0;
  }

  /** Adds a line; a blank line closes the current paragraph. */
  add(raw: string, lineNo: number): void {
    const t = raw.slice(0, MAX_LINE).trim();
    if (t === '') {
      if (this.mode !== 'heading') this.mode = 'other';
      return;
    }
    this.endLine = lineNo;
    if (SUSPECT_HEADING.test(t) && this.text.length === 0) return;
    if (/^Keywords$/i.test(t)) {
      this.mode = 'keywords';
      return;
    }
    if (this.mode === 'keywords') {
      this.keywords.push(t);
      return;
    }
    if ((this.mode === 'heading' || this.mode === 'text') && this.textLen < MAX_TEXT) {
      this.mode = 'text';
      this.text.push(t);
      this.textLen += t.length + 1;
    }
  }

  finish(): MatSuspect {
    const text = this.text.join(' ').slice(0, MAX_TEXT);
    const s: MatSuspect = { type: 'mat-suspect', index: this.index, text, keywords: this.keywords, line: this.line, endLine: this.endLine };
    const cls = CLASS_NAME.exec(text);
    if (cls) s.className = cls[1];
    const occ = OCCUPIES.exec(text);
    if (occ) {
      const bytes = parseLocaleInteger(occ[1]!);
      if (bytes !== null) s.bytes = bytes;
      s.percent = Number(occ[2]!.replace(',', '.'));
    }
    if (/^One instance of\s/.test(text)) s.instances = 1;
    else {
      const inst = INSTANCES.exec(text);
      const n = inst ? parseLocaleInteger(inst[1]!) : null;
      if (n !== null) s.instances = n;
    }
    return s;
  }
}

/** The index a heading line announces, or null. */
export function suspectHeadingIndex(line: string): number | null {
  const m = SUSPECT_HEADING.exec(line.slice(0, MAX_LINE).trim());
  return m ? Number(m[1]) : null;
}
