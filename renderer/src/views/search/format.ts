/** Search view helpers: levels, snippet pieces, paging words, index status. Pure, tested in format.test.ts. */
import type { SearchStatus } from '../../../../engine/search/status';
import type { Snippet } from '../../../../engine/search/snippet';

/** pino's scale, which the engine uses for every format. */
export const LEVELS: { value: number; name: string }[] = [
  { value: 10, name: 'trace' },
  { value: 20, name: 'debug' },
  { value: 30, name: 'info' },
  { value: 40, name: 'warn' },
  { value: 50, name: 'error' },
  { value: 60, name: 'fatal' },
];

export function levelName(level: number | null | undefined): string {
  if (level === null || level === undefined) return '';
  let name = '';
  for (const l of LEVELS) if (level >= l.value) name = l.name;
  return name || String(level);
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * A snippet as plain-text pieces, matches marked; ranges outside the text or overlapping are
 * clipped, and "…" stands for text cut before or after. Rendered as text nodes, never as HTML.
 */
export function snippetParts(s: Snippet): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  if (s.clippedStart) push('…', false);
  let pos = 0;
  const ranges = [...s.highlights].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of ranges) {
    const start = Math.max(pos, Math.min(rawStart, s.text.length));
    const end = Math.max(start, Math.min(rawEnd, s.text.length));
    push(s.text.slice(pos, start), false);
    push(s.text.slice(start, end), true);
    pos = end;
  }
  push(s.text.slice(pos), false);
  if (s.clippedEnd) push('…', false);
  return parts;
}

/** "1–100 of 1,234" / "101–200 of more than 10,000" / "no matches". */
export function pageLabel(offset: number, shown: number, total: number, exact: boolean): string {
  if (shown === 0) return offset > 0 ? 'no more matches' : 'no matches';
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `${fmt(offset + 1)}–${fmt(offset + shown)} of ${exact ? '' : 'more than '}${fmt(total)}`;
}

export interface StatusText {
  tone: 'ok' | 'busy' | 'warn' | 'error';
  text: string;
  /** 0..1 while building, when the total is known. */
  progress: number | null;
}

/** What the index state means for the user's results. */
export function indexStatusText(s: SearchStatus): StatusText {
  switch (s.state) {
    case 'ready':
      return { tone: 'ok', text: `Index ready: ${s.events.toLocaleString('en-US')} events`, progress: null };
    case 'building': {
      const p = s.total > 0 ? Math.min(1, s.done / s.total) : null;
      return {
        tone: 'busy',
        text: `Building the search index… ${p === null ? '' : `${Math.floor(p * 100)}% `}— results are approximate (substring matches) until it is ready`,
        progress: p,
      };
    }
    case 'missing': {
      const why =
        s.reason === 'stale'
          ? 'the index is out of date after the bundle was read again'
          : s.reason === 'cancelled'
            ? 'building the index was cancelled'
            : s.reason === 'bundle-not-ready'
              ? 'the bundle is still being read'
              : 'there is no search index for this bundle';
      return { tone: 'warn', text: `Approximate results: ${why}. Open the bundle again to build it.`, progress: null };
    }
    case 'failed':
      return { tone: 'error', text: `The search index could not be built (${s.message}); results are approximate.`, progress: null };
  }
}

export interface SearchParams {
  q: string;
  page: number;
  order: 'time' | 'rank';
  minLevel: number | null;
  fileId: number | null;
  from: number | null;
  to: number | null;
}

const int = (v: string | null): number | null => (v !== null && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : null);

/** The search in the route query (`?q=&page=&order=&level=&file=&from=&to=`). */
export function readSearchParams(p: URLSearchParams): SearchParams {
  const page = int(p.get('page'));
  return {
    q: p.get('q') ?? '',
    page: page !== null && page >= 1 ? page : 1,
    order: p.get('order') === 'rank' ? 'rank' : 'time',
    minLevel: int(p.get('level')),
    fileId: int(p.get('file')),
    from: int(p.get('from')),
    to: int(p.get('to')),
  };
}

/** Route query values for `href()` (defaults left out, so links stay short). */
export function searchParamsRecord(s: SearchParams): Record<string, string | number | undefined> {
  return {
    q: s.q || undefined,
    page: s.page > 1 ? s.page : undefined,
    order: s.order === 'rank' ? 'rank' : undefined,
    level: s.minLevel ?? undefined,
    file: s.fileId ?? undefined,
    from: s.from ?? undefined,
    to: s.to ?? undefined,
  };
}
