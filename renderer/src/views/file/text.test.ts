import { describe, expect, it } from 'vitest';
import type { ResolvedEvidence } from '../../../../engine/model/evidence';
import { baseName, dirName, editorLine, escapeMarkdown, evidenceInFile, filterFiles, languageFor, timeOfLine, timeQualityText } from './text';

const ev = (fileId: number, line: number, extra: Partial<ResolvedEvidence> = {}): ResolvedEvidence => ({ fileId, line, file: 'f', excerpt: '', ...extra });

describe('file viewer text', () => {
  it('keeps a stored line one editor line', () => {
    expect(editorLine('plain')).toBe('plain');
    expect(editorLine('a\rb\r')).toBe('a↵b↵');
  });

  it('escapes Markdown so hovers show text as typed', () => {
    expect(escapeMarkdown('**bold** [x](javascript:alert(1)) <img src=x> `code` #1')).toBe(
      '\\*\\*bold\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\`code\\` \\#1',
    );
    expect(escapeMarkdown('two\nlines')).toBe('two  \nlines');
  });

  it('picks the log tokenizer for logs and dumps, plain text for tables', () => {
    expect(languageFor('java-log')).toBe('rootline-log');
    expect(languageFor('goroutine')).toBe('rootline-log');
    expect(languageFor('lsof')).toBe('plaintext');
    expect(languageFor('csv')).toBe('plaintext');
  });

  it('gathers a file’s evidence by line with every reason, and adds bare evidence lines', () => {
    const out = evidenceInFile(
      5,
      [
        { title: 'Pool starved', evidence: [ev(5, 20, { ts: 1000, note: 'first' }), ev(6, 20), ev(5, 10, { endLine: 14 })] },
        { title: 'Frozen', evidence: [ev(5, 20, { note: 'first' }), ev(5, 20, { endLine: 25 })] },
      ],
      [10, 99],
    );
    expect(out.map((e) => e.line)).toEqual([10, 20, 99]);
    expect(out[0]).toMatchObject({ endLine: 14, reasons: ['Pool starved'] });
    expect(out[1]).toMatchObject({ endLine: 25, ts: 1000, reasons: ['Pool starved — first', 'Frozen — first', 'Frozen'] });
    expect(out[2]).toMatchObject({ reasons: [], ts: null });
  });

  it('finds the time of a line inside an evidence record', () => {
    const e = evidenceInFile(1, [{ title: 't', evidence: [ev(1, 10, { endLine: 14, ts: 5 }), ev(1, 30)] }]);
    expect(timeOfLine(e, 12)).toBe(5);
    expect(timeOfLine(e, 30)).toBeNull();
    expect(timeOfLine(e, 15)).toBeNull();
  });

  it('says what time quality means', () => {
    expect(timeQualityText('assumed', 'UTC+9')).toContain('UTC+9');
    expect(timeQualityText('explicit', 'UTC')).toBe('times carry their zone');
    expect(timeQualityText(null, 'UTC')).toBe('not timed');
  });

  it('filters files by every word of path or kind', () => {
    const files = [
      { path: 'logs/app.log', kind: 'java-log' },
      { path: 'dumps/jstack-1.txt', kind: 'jstack' },
      { path: 'logs/gc.log', kind: 'gc-log' },
    ];
    expect(filterFiles(files, '').length).toBe(3);
    expect(filterFiles(files, 'LOGS java').map((f) => f.path)).toEqual(['logs/app.log']);
    expect(filterFiles(files, 'jstack').map((f) => f.path)).toEqual(['dumps/jstack-1.txt']);
    expect(filterFiles(files, 'nothing')).toEqual([]);
  });

  it('splits paths', () => {
    expect(baseName('a/b/c.log')).toBe('c.log');
    expect(dirName('a/b/c.log')).toBe('a/b');
    expect(baseName('c.log')).toBe('c.log');
    expect(dirName('c.log')).toBe('');
  });
});
