/**
 * Escaping for GitHub-flavoured Markdown. Log lines and user notes end up in prose, table cells and
 * code; none of them may open a tag, start emphasis, split a table row or close a fence.
 */

/** Bare URLs, which GFM would autolink together with any escape right after them (up to an entity-like `&x;`). */
const URL_RUN = /((?:https?|ftp):\/\/[^\s<>&\\]+(?:&(?!#?\w+;)[^\s<>&\\]*)*|www\.)/;

function escapeInline(s: string): string {
  return (
    s
      .replace(/[\\`*[\]<>~|]/g, (c) => `\\${c}`)
      // `_` only where it could open or close emphasis: intraword `idle_session_timeout` stays readable.
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
      .replace(/&(?=#?\w+;)/g, '&amp;')
  );
}

/**
 * Plain text as Markdown prose: characters with inline meaning are backslash-escaped. A URL becomes
 * an explicit `<autolink>` (an escape next to a bare URL would be swallowed into it), and a bare
 * `www.` is written `www&#46;` so that no autolink starts there.
 */
export function mdText(s: string, inTable = false): string {
  const inline = s
    .split(URL_RUN)
    .map((part, i) => {
      if (i % 2 === 0) return escapeInline(part);
      if (part === 'www.') return 'www&#46;';
      return `<${inTable ? part.replace(/\|/g, '\\|') : part}>`;
    })
    .join('');
  // Block syntax only matters at the start of a line: headings, quotes, list items, rules, setext underlines.
  return inline
    .replace(/^(\s*)(#{1,6}|[+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    // A rule is three or more `-` with any spaces between them (`-- -` too); `=` underlines a setext heading.
    .replace(/^(\s*)([-=])(?=(?:[ \t]*\2){2,}[ \t]*$)/gm, '$1\\$2');
}

/** Text inside a table cell: escaped prose on one line (newlines become `<br>`). */
export function mdCell(s: string): string {
  return mdText(s.trim(), true).replace(/\r?\n/g, '<br>');
}

/**
 * An inline code span that no backtick in `s` can close; newlines become spaces. In a table cell a
 * `|` is written `\|` (GFM's cell escape, honoured inside code spans); text where a backslash already
 * precedes a `|` cannot be written that way and falls back to `<code>` with character references.
 */
export function mdCode(s: string, inTable = false): string {
  const text = s.replace(/\r?\n/g, ' ');
  if (text === '') return '';
  if (inTable && /\\\|/.test(text)) return `<code>${text.replace(/[^A-Za-z0-9 \u0080-\u{10FFFF}]/gu, (c) => `&#${c.codePointAt(0)};`)}</code>`;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const tick = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  return `${tick}${pad}${body}${pad}${tick}`;
}

/** A fenced block that no line of `text` can close: the fence is longer than any backtick run in it. */
export function mdFence(text: string, info = 'text'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\r?\n$/, '')}\n${fence}`;
}

/** A YAML scalar: plain when unambiguous, otherwise double-quoted (JSON strings are valid YAML). */
export function yamlScalar(s: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(s) && !/ $/.test(s) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}
