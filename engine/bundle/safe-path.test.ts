import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayPath, linkEscapes, REASON, safeArchivePath } from './safe-path';

describe('safeArchivePath', () => {
  it.each([
    ['logs/app.log', 'logs/app.log'],
    ['./logs/./app.log', 'logs/app.log'],
    ['logs//app.log', 'logs/app.log'],
    ['logs\\win\\app.log', 'logs/win/app.log'],
    ['..foo/bar..', '..foo/bar..'],
  ])('keeps %j as %j', (raw, want) => {
    expect(safeArchivePath(raw)).toEqual({ ok: true, path: want });
  });

  it.each([
    ['../evil', REASON.parent],
    ['logs/../../evil', REASON.parent],
    ['logs/..', REASON.parent],
    ['..\\evil', REASON.parent],
    ['/etc/evil', REASON.absolute],
    ['\\\\server\\share\\x', REASON.absolute],
    ['\\etc\\evil', REASON.absolute],
    ['C:\\Windows\\evil', REASON.drive],
    ['c:evil', REASON.drive],
    ['./C:evil', REASON.drive],
    ['', REASON.empty],
    ['./', REASON.empty],
    ['logs/a\nb.log', REASON.control],
    ['a\u0000b', REASON.control],
  ])('refuses %j', (raw, reason) => {
    expect(safeArchivePath(raw)).toEqual({ ok: false, reason });
  });

  it('never yields an absolute path, a .. segment, an empty segment or a backslash (property)', () => {
    const seg = fc.constantFrom('..', '.', '', 'a', 'logs', 'C:', '\\', '..\\..', 'x..y', '\u0000', '/', '!');
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 8 }), fc.constantFrom('/', '\\'), (parts, sepChar) => {
        const v = safeArchivePath(parts.join(sepChar));
        if (!v.ok) return;
        expect(v.path.startsWith('/')).toBe(false);
        expect(v.path).not.toMatch(/^[A-Za-z]:/);
        expect(v.path).not.toContain('\\');
        for (const s of v.path.split('/')) {
          expect(s).not.toBe('..');
          expect(s).not.toBe('');
          expect(s).not.toBe('.');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('linkEscapes', () => {
  it.each([
    ['logs', '/etc/passwd', true],
    ['logs', '../../etc/passwd', true],
    ['logs', '../app.log', false],
    ['logs', 'C:\\Windows', true],
    ['', '..', true],
    ['a/b', '../../c', false],
    ['a/b', '../../../c', true],
    ['logs', './x/../y', false],
  ])('from %j to %j escapes: %s', (from, target, escapes) => {
    expect(linkEscapes(from, target)).toBe(escapes);
  });
});

describe('displayPath', () => {
  it('escapes control characters and bounds the length', () => {
    expect(displayPath('a\nb')).toBe('a\\u000ab');
    expect(displayPath('')).toBe('(empty name)');
    expect(displayPath('x'.repeat(600)).length).toBe(501);
  });
});
