import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mermaidText, mermaidTimeline } from './mermaid';
import type { TimelineRow } from './timeline';

/**
 * The lexer of mermaid's timeline grammar (packages/mermaid/src/diagrams/timeline/parser/timeline.jison),
 * rule for rule in jison's first-match order; `legacy` is the older grammar whose titles, sections,
 * events and periods also stop at `#` and `;`.
 */
function lexTimeline(src: string, legacy: boolean): { type: string; text: string }[] {
  const rules: [RegExp, string | null][] = [
    [/^%%(?!\{)[^\n]*/, null],
    [/^[^}]%%[^\n]*/, null],
    [/^\n+/, 'NEWLINE'],
    [/^\s+/, null],
    [/^#[^\n]*/, null],
    [/^timeline/i, 'timeline'],
    [legacy ? /^title\s[^#\n;]+/i : /^title\s[^\n]+/i, 'title'],
    [/^accTitle\s*:\s*/i, 'acc'],
    [/^accDescr\s*[:{]\s*/i, 'acc'],
    [legacy ? /^section\s[^#:\n;]+/i : /^section\s[^:\n]+/i, 'section'],
    [legacy ? /^:\s[^#:\n;]+/ : /^:\s(?:[^:\n]|:(?!\s))+/, 'event'],
    [legacy ? /^[^#:\n;]+/ : /^[^#:\n]+/, 'period'],
    [/^./, 'INVALID'],
  ];
  const out: { type: string; text: string }[] = [];
  let rest = src;
  while (rest.length) {
    for (const [re, type] of rules) {
      const m = re.exec(rest);
      if (!m) continue;
      if (type) out.push({ type, text: m[0] });
      rest = rest.slice(m[0].length);
      break;
    }
  }
  return out;
}

/** The diagram's statements, checked the way the grammar's productions accept them. */
function parseTimeline(block: string, legacy: boolean): { periods: string[]; events: string[] } {
  const body = block.replace(/^```mermaid\n/, '').replace(/\n```$/, '');
  const tokens = lexTimeline(body, legacy).filter((t) => t.type !== 'NEWLINE');
  expect(tokens[0]?.type).toBe('timeline');
  expect(tokens.filter((t) => t.type === 'INVALID' || t.type === 'acc')).toEqual([]);
  const periods: string[] = [];
  const events: string[] = [];
  let sawPeriod = false;
  for (const t of tokens.slice(1)) {
    if (t.type === 'period') {
      periods.push(t.text.trim());
      sawPeriod = true;
    } else if (t.type === 'event') {
      expect(sawPeriod, 'an event before any period').toBe(true);
      events.push(t.text.slice(2).trim());
    } else if (t.type === 'section') {
      sawPeriod = false;
    }
  }
  return { periods, events };
}

const row = (ts: number, event: string, kind: TimelineRow['kind'] = 'finding', marker = ''): TimelineRow => ({
  kind, ts, tsEnd: null, source: 'x', event, excerpt: null, marker, evidence: 'logs/app.log:7',
});

const T0 = Date.UTC(2026, 10, 22, 4, 18, 21, 476);

describe('mermaid timeline', () => {
  it('escapes what the grammar treats specially; ordinary text is kept', () => {
    expect(mermaidText('GET /api/v1/users 500 after 75 s')).toBe('GET /api/v1/users 500 after 75 s');
    const t = mermaidText('a: b # c; d %% e <br> {x} `y`\nnext');
    expect(t).not.toMatch(/[:#;%<>{}`\n]/);
    expect(t).toContain('next');
  });

  it('one period per second, events in order, each a single event (both grammar versions)', () => {
    const rows = [
      row(T0, 'Requests timed out: 6 times'),
      row(T0 + 1, 'HikariCP thread starvation; housekeeper delta=1m30s #2'),
      row(T0 + 19_000, 'On-call paged %% via LB', 'annotation', 'Detection'),
      row(T0 + 86_400_000, 'next day'),
    ];
    const block = mermaidTimeline(rows);
    expect(block.startsWith('```mermaid\ntimeline\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
    for (const legacy of [false, true]) {
      const { periods, events } = parseTimeline(block, legacy);
      expect(periods).toEqual(['04∶18∶21', '04∶18∶40', '04∶18∶21']);
      expect(events).toHaveLength(4);
      expect(events[0]).toBe('Requests timed out∶ 6 times');
      expect(events[2]).toBe('Detection — On-call paged ％％ via LB');
    }
    expect(block).toMatch(/section 2026-11-22\n[\s\S]*section 2026-11-23/);
  });

  it('any event text yields a valid diagram with exactly that many events', () => {
    const chars = fc.constantFrom(...':#;%{}<>`|\\"\'[]()-=> \n\tabcXYZ019'.split(''), '%%', 'title ', 'section ', 'timeline', '::', '<br>');
    fc.assert(
      fc.property(fc.array(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), { minLength: 1, maxLength: 6 }), (texts) => {
        const block = mermaidTimeline(texts.map((t, i) => row(T0 + i * 1000, t)));
        for (const legacy of [false, true]) {
          const { periods, events } = parseTimeline(block, legacy);
          expect(events).toHaveLength(texts.length);
          expect(periods).toHaveLength(texts.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('untimed rows are left out of the diagram', () => {
    const block = mermaidTimeline([row(T0, 'timed'), { ...row(0, 'untimed', 'annotation', 'Note'), ts: null }]);
    expect(block).not.toContain('untimed');
  });
});
