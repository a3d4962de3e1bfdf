import fc from 'fast-check';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { mdCell, mdCode, mdFence, mdText, yamlScalar } from './markdown-text';

/** Characters Markdown gives a meaning to, mixed with ordinary ones. */
const nasty = fc.constantFrom(...'|\\`*_<>[]~#-+=!&;:.()1 aZ_\t'.split(''), 'www.', 'http://x.io/a_b', '&amp;', '<br>', '```', '\n', '1. ', '- ', '> ');
const text = (min = 0) => fc.array(nasty, { minLength: min, maxLength: 30 }).map((a) => a.join(''));

const ENTITIES: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };

/** The visible text of some rendered HTML (character references decoded in one pass). */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) =>
      e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? m),
    )
    .trim();
}

function tableCells(md: string): Tokens.TableCell[] {
  const tokens = marked.lexer(`| a | b |\n|---|---|\n| ${md} | end |\n`);
  expect(tokens[0]?.type).toBe('table');
  const row = (tokens[0] as Tokens.Table).rows[0]!;
  return row;
}

describe('Markdown escaping', () => {
  it('prose: any one-line text renders as itself, in one paragraph, with no markup', () => {
    fc.assert(
      fc.property(text(1), (raw) => {
        const s = raw.replace(/\s+/g, ' ').trim();
        if (!s) return;
        const tokens = marked.lexer(mdText(s));
        expect(tokens.filter((t) => t.type !== 'space').map((t) => t.type)).toEqual(['paragraph']);
        expect(visible(marked.parse(mdText(s)) as string)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('a line of dashes with spaces between them is text, not a rule (fast-check found "-- -")', () => {
    for (const s of ['-- -', '- - -', '-  --', '---', '= = =']) {
      expect(marked.lexer(mdText(s)).filter((t) => t.type !== 'space').map((t) => t.type), s).toEqual(['paragraph']);
      expect(visible(marked.parse(mdText(s)) as string), s).toBe(s);
    }
  });

  it('keeps ordinary identifiers readable: intraword underscores and plain words are not escaped', () => {
    expect(mdText('PostgreSQL idle_session_timeout and MySQL wait_timeout')).toBe('PostgreSQL idle_session_timeout and MySQL wait_timeout');
    expect(mdText('value <masked> at *3* | x')).toBe('value \\<masked\\> at \\*3\\* \\| x');
    expect(mdText('# not a heading\n1. not a list')).toBe('\\# not a heading\n1\\. not a list');
  });

  it('table cells: a code span holds any text in exactly one cell, pipes and backslashes included', () => {
    fc.assert(
      fc.property(text(1), (raw) => {
        const s = raw.replace(/\n/g, ' ');
        if (!s.trim()) return;
        const cells = tableCells(mdCode(s, true));
        expect(cells).toHaveLength(2);
        expect(cells[1]!.text).toBe('end');
        expect(cells[0]!.tokens.some((t) => t.type === 'codespan' || (t.type === 'html' && t.raw === '<code>'))).toBe(true);
        expect(visible(marked.Parser.parseInline(cells[0]!.tokens))).toBe(s.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('table cells: prose with newlines and pipes stays in one cell', () => {
    fc.assert(
      fc.property(text(1), (s) => {
        if (!s.trim()) return;
        const cells = tableCells(mdCell(s));
        expect(cells).toHaveLength(2);
        expect(cells[1]!.text).toBe('end');
      }),
      { numRuns: 500 },
    );
  });

  it('a fence is never closed by the excerpt inside it', () => {
    fc.assert(
      fc.property(text(), (s) => {
        const tokens = marked.lexer(mdFence(s));
        const code = tokens.filter((t) => t.type !== 'space');
        expect(code).toHaveLength(1);
        expect(code[0]!.type).toBe('code');
        expect((code[0] as Tokens.Code).text).toBe(s.replace(/\n$/, ''));
      }),
      { numRuns: 500 },
    );
  });

  it('YAML scalars are plain only when unambiguous', () => {
    expect(yamlScalar('draft')).toBe('draft');
    expect(yamlScalar('SEV1')).toBe('SEV1');
    expect(yamlScalar('in-review')).toBe('in-review');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar('#1')).toBe('"#1"');
  });
});
