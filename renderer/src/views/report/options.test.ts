import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, fromKey, optionsKey, parseAuthors, splitFrontMatter, toOptions } from './options';

describe('toOptions', () => {
  it('leaves the engine defaults alone when nothing is set', () => {
    expect(toOptions({ ...EMPTY_FORM, status: '' })).toEqual({});
    expect(toOptions(EMPTY_FORM)).toEqual({ status: 'draft' });
  });

  it('passes what the user set, tidied', () => {
    expect(
      toOptions({ title: '  DB  outage ', status: 'final', severity: 'SEV2', authors: 'Kim, Lee;\n kim ,  Park  Ji', mermaid: true, anonymize: true }),
    ).toEqual({ title: 'DB outage', status: 'final', severity: 'SEV2', authors: ['Kim', 'Lee', 'Park Ji'], mermaid: true, anonymize: true });
  });

  it('keys equal options equally', () => {
    expect(optionsKey(toOptions({ ...EMPTY_FORM, authors: 'a, b' }))).toBe(optionsKey(toOptions({ ...EMPTY_FORM, authors: 'a,b,' })));
    expect(optionsKey({ mermaid: true })).not.toBe(optionsKey({}));
  });

  it('turns a key back into the same options', () => {
    const o = toOptions({ title: 'T', status: 'final', severity: 'SEV3', authors: 'a, b', mermaid: true, anonymize: false });
    expect(fromKey(optionsKey(o))).toEqual(o);
    expect(fromKey(optionsKey({}))).toEqual({});
  });

  it('splits authors on commas, semicolons and lines', () => {
    expect(parseAuthors('')).toEqual([]);
    expect(parseAuthors('Ann\nBob; Cy')).toEqual(['Ann', 'Bob', 'Cy']);
  });
});

describe('splitFrontMatter', () => {
  const md = [
    '---',
    'title: "Postmortem 2026-11-22: The process was frozen: the host did not run it"',
    'date: 2026-11-22',
    'status: "in review"',
    'severity: SEV1',
    'authors: ["Kim", "Lee \\"J\\""]',
    '---',
    '',
    '# Postmortem',
    '',
    'Text --- with dashes',
  ].join('\n');

  it('reads the front matter into a table and keeps the body', () => {
    const { meta, body } = splitFrontMatter(md);
    expect(meta).toEqual([
      { key: 'title', value: 'Postmortem 2026-11-22: The process was frozen: the host did not run it' },
      { key: 'date', value: '2026-11-22' },
      { key: 'status', value: 'in review' },
      { key: 'severity', value: 'SEV1' },
      { key: 'authors', value: 'Kim, Lee "J"' },
    ]);
    expect(body).toBe('\n# Postmortem\n\nText --- with dashes');
  });

  it('leaves Markdown without front matter as it is', () => {
    expect(splitFrontMatter('# Title\n---\nx')).toEqual({ meta: [], body: '# Title\n---\nx' });
    expect(splitFrontMatter('---\nauthors: []\n---\n').meta).toEqual([{ key: 'authors', value: '' }]);
  });
});
