/**
 * The user's search syntax — plain words (all must match), "exact phrase", prefix*, -exclude,
 * OR between terms — parsed into a small tree, then rendered as an FTS5 MATCH expression in which
 * every term is a quoted string (so no user text is ever read as FTS5 syntax), or as LIKE patterns
 * for the fallback scan used while the index is not ready.
 */
import { likeToRegExp } from '../store/timeline-lines';

export type TermKind = 'word' | 'phrase' | 'prefix';

export interface Term {
  kind: TermKind;
  /** The term as typed, without quotes or the trailing `*`. */
  text: string;
}

/** `all` must each match (every group is an OR of its terms); none of `none` may match. */
export interface ParsedQuery {
  all: Term[][];
  none: Term[];
}

export type QueryErrorCode = 'empty' | 'only-exclusions' | 'syntax' | 'too-long';

export interface QueryError {
  code: QueryErrorCode;
  message: string;
}

export type QueryParse = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

export const MAX_QUERY_CHARS = 2000;
export const MAX_QUERY_TERMS = 64;

/**
 * Characters FTS5's unicode61 tokenizer keeps in tokens (letters, numbers, private use). A term
 * without any of them tokenizes to nothing, so it is dropped rather than sent as an empty phrase.
 */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const SPACE = /\s/u;

type Item = { type: 'term'; term: Term; negated: boolean } | { type: 'or' };

const fail = (code: QueryErrorCode, message: string): QueryParse => ({ ok: false, error: { code, message } });

export function parseQuery(typed: string): QueryParse {
  if (typed.length > MAX_QUERY_CHARS) return fail('too-long', `the query is longer than ${MAX_QUERY_CHARS} characters`);
  // FTS5 reads its expression as a C string: a NUL would end it mid-quote. It separates tokens anyway.
  const input = typed.replace(/\0/g, ' ');
  const items: Item[] = [];
  let pendingNot = false;
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (SPACE.test(input[i]!)) {
      i++;
      continue;
    }
    let negated = pendingNot;
    pendingNot = false;
    if (input[i] === '-' && i + 1 < n && !SPACE.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    let term: Term;
    if (input[i] === '"') {
      // An unterminated quote runs to the end of the query: the user is probably still typing.
      const close = input.indexOf('"', i + 1);
      const text = close < 0 ? input.slice(i + 1) : input.slice(i + 1, close);
      i = close < 0 ? n : close + 1;
      let kind: TermKind = 'phrase';
      while (input[i] === '*') {
        kind = 'prefix';
        i++;
      }
      term = { kind, text };
    } else {
      let j = i;
      while (j < n && !SPACE.test(input[j]!)) j++;
      const word = input.slice(i, j);
      i = j;
      if (!negated && word === 'OR') {
        items.push({ type: 'or' });
        continue;
      }
      if (!negated && word === 'AND') continue; // explicit AND is what juxtaposition means anyway
      if (!negated && word === 'NOT') {
        pendingNot = true;
        continue;
      }
      const stripped = word.replace(/\*+$/u, '');
      term = { kind: stripped.length < word.length ? 'prefix' : 'word', text: stripped };
    }
    if (TOKEN_CHAR.test(term.text)) items.push({ type: 'term', term, negated });
  }
  if (pendingNot) return fail('syntax', 'NOT needs a term after it');
  if (items.filter((it) => it.type === 'term').length > MAX_QUERY_TERMS) {
    return fail('too-long', `the query has more than ${MAX_QUERY_TERMS} terms`);
  }

  const all: Term[][] = [];
  const none: Term[] = [];
  let prev: Item | null = null;
  for (const it of items) {
    if (it.type === 'or') {
      if (prev === null || prev.type === 'or') return fail('syntax', 'OR needs a term on each side');
      if (prev.negated) return fail('syntax', 'an excluded term cannot be part of an OR');
    } else if (it.negated) {
      if (prev?.type === 'or') return fail('syntax', 'an excluded term cannot be part of an OR');
      none.push(it.term);
    } else if (prev?.type === 'or') {
      all.at(-1)!.push(it.term);
    } else {
      all.push([it.term]);
    }
    prev = it;
  }
  if (prev?.type === 'or') return fail('syntax', 'OR needs a term on each side');
  if (all.length === 0) {
    return none.length > 0
      ? fail('only-exclusions', 'add at least one term to look for; excluded terms only narrow a search')
      : fail('empty', 'type a word, a "phrase" or a prefix* to search for');
  }
  return { ok: true, query: { all, none } };
}

/** One term as an FTS5 string: always quoted (quotes doubled), so its text is never FTS5 syntax. */
function ftsTerm(t: Term): string {
  return `"${t.text.replace(/"/g, '""')}"${t.kind === 'prefix' ? '*' : ''}`;
}

/** The FTS5 MATCH expression for a parsed query. */
export function toMatchExpression(q: ParsedQuery): string {
  const group = (g: Term[]) => (g.length === 1 ? ftsTerm(g[0]!) : `(${g.map(ftsTerm).join(' OR ')})`);
  const positive = q.all.map(group).join(' AND ');
  if (q.none.length === 0) return positive;
  return `(${positive}) NOT (${q.none.map(ftsTerm).join(' OR ')})`;
}

/** The substring a term stands for in the fallback scan (phrase whitespace collapsed, as FTS5 ignores it). */
export function termNeedle(t: Term): string {
  return t.text.trim().replace(/\s+/gu, ' ');
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A WHERE fragment over `column` with LIKE patterns (ESCAPE '\') and its parameters: the
 * approximate equivalent of the MATCH expression (substring matches, ASCII-only case folding).
 */
export function toLikeFilter(q: ParsedQuery, column: string): { sql: string; params: string[] } {
  const params: string[] = [];
  const like = (t: Term) => {
    params.push(`%${escapeLike(termNeedle(t))}%`);
    return `${column} LIKE ? ESCAPE '\\'`;
  };
  const parts = q.all.map((g) => (g.length === 1 ? like(g[0]!) : `(${g.map(like).join(' OR ')})`));
  for (const t of q.none) parts.push(`NOT ${like(t)}`);
  return { sql: parts.join(' AND '), params };
}

/** `toLikeFilter` as a test of one text (for ordinary lines, which are not rows to run LIKE on). */
export function toLikeMatcher(q: ParsedQuery): (text: string) => boolean {
  const re = (t: Term) => likeToRegExp(`%${escapeLike(termNeedle(t))}%`);
  const all = q.all.map((g) => g.map(re));
  const none = q.none.map(re);
  return (text) => all.every((g) => g.some((r) => r.test(text))) && !none.some((r) => r.test(text));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A cheap test that passes every text containing a message the query matches: each group's
 * needles, case-insensitively. Without the `u` flag, `i` folds ASCII as LIKE does (and more).
 */
export function toPrefilter(q: ParsedQuery): (text: string) => boolean {
  const groups = q.all.map((g) => g.map((t) => new RegExp(escapeRegExp(termNeedle(t)), 'i')));
  return (text) => groups.every((g) => g.some((r) => r.test(text)));
}

/** Every positive term, for highlighting matches found by the fallback scan. */
export function positiveTerms(q: ParsedQuery): Term[] {
  return q.all.flat();
}
