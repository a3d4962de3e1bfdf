/**
 * The exported postmortem of a small real bundle, pinned byte for byte.
 * Regenerate after an intended change: `UPDATE_GOLDEN=1 npx vitest run engine/report/postmortem/golden.test.ts`
 * (then read the diff of `__golden__/` before committing it).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked, type Token, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePath } from '../../api/analyze';
import { MARKER_LABELS } from '../../model/annotation';
import { Store } from '../../store';
import { anonymizeInput } from './anonymize';
import { buildPostmortemInput } from './input';
import { renderPostmortem } from './render';
import type { PostmortemInput, PostmortemOptions } from './types';

const FIXTURE = fileURLToPath(new URL('./__fixtures__/orders-outage', import.meta.url));
const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const APP_LOG = readFileSync(join(FIXTURE, 'logs/app.log'), 'utf8').split('\n');
const STARVATION_LINE = APP_LOG.findIndex((l) => l.includes('Thread starvation or clock leap detected')) + 1;

const DETECTION = {
  marker: 'detection' as const,
  ts: Date.parse('2026-11-22T04:18:40Z'),
  text: 'On-call paged: /api/v1/rankings answers 500 | p99 above 75 s\nprobe from 10.20.0.7 on vm, acked by oncall@orders.example.com',
};
const DIAGNOSIS = { marker: 'diagnosis' as const, filePath: 'logs/app.log', line: STARVATION_LINE, text: 'Housekeeper 1m30s late: the host stopped running the JVM; the pool size is not the problem' };

/** The bundle copied into a temp dir, analysed (logs read as Asia/Seoul) and annotated twice. */
async function analysedBundle(): Promise<{ dir: string; input: PostmortemInput }> {
  const dir = mkdtempSync(join(tmpdir(), 'rootline-postmortem-'));
  const bundle = join(dir, 'orders-outage');
  cpSync(FIXTURE, bundle, { recursive: true });
  const r = await analyzePath(bundle, { db: join(dir, 'rootline.sqlite'), tz: 'Asia/Seoul' });
  const store = Store.open(r.bundle.db);
  try {
    store.annotations.create(r.bundle.id, DETECTION, 1);
    store.annotations.create(r.bundle.id, DIAGNOSIS, 2);
    return { dir, input: buildPostmortemInput(store, r.bundle.id) };
  } finally {
    store.close();
  }
}

function matchesGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${name} is missing: run UPDATE_GOLDEN=1 npx vitest run engine/report/postmortem/golden.test.ts`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Front matter as key/values (what GitHub shows as a table), and the Markdown after it. */
function splitFrontMatter(md: string): { meta: Record<string, string>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  expect(m, 'front matter').not.toBeNull();
  const meta: Record<string, string> = {};
  for (const line of m![1]!.split('\n')) {
    const kv = /^([a-z_]+): (.+)$/.exec(line);
    expect(kv, `front matter line "${line}"`).not.toBeNull();
    meta[kv![1]!] = kv![2]!;
  }
  return { meta, body: md.slice(m![0].length) };
}

function sectionTable(tokens: Token[], heading: string): Tokens.Table {
  const at = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === heading);
  expect(at, `## ${heading}`).toBeGreaterThan(-1);
  const table = tokens.slice(at + 1).find((t) => t.type === 'table' || t.type === 'heading');
  expect(table?.type).toBe('table');
  return table as Tokens.Table;
}

/** Code spans of a cell, as their text. */
const codes = (cell: Tokens.TableCell) => cell.tokens.filter((t): t is Tokens.Codespan => t.type === 'codespan').map((t) => t.text);

describe('postmortem golden file (small real bundle, two annotations)', () => {
  let dir: string;
  let input: PostmortemInput;
  const OPTS: PostmortemOptions = { mermaid: true };

  beforeAll(async () => {
    ({ dir, input } = await analysedBundle());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the committed golden file byte for byte', () => {
    matchesGolden('orders-outage.md', renderPostmortem(input, OPTS));
  });

  it('is the same for a fresh analysis of the same bundle (no clock, no ids, no temp paths)', async () => {
    const again = await analysedBundle();
    expect(renderPostmortem(again.input, OPTS)).toBe(renderPostmortem(input, OPTS));
    rmSync(again.dir, { recursive: true, force: true });
    expect(renderPostmortem(input, OPTS)).not.toContain(dir);
  });

  it('says when it was generated only when told the time', () => {
    expect(renderPostmortem(input, OPTS)).not.toMatch(/^generated:/m);
    expect(renderPostmortem(input, { ...OPTS, now: Date.parse('2026-11-23T09:00:00Z') })).toMatch(/^authors: \[\]\ngenerated: 2026-11-23T09:00:00Z\n---$/m);
  });

  it('renders with marked and has the postmortem structure', () => {
    const md = renderPostmortem(input, OPTS);
    const { meta, body } = splitFrontMatter(md);
    expect(Object.keys(meta)).toEqual(['title', 'date', 'status', 'severity', 'authors']);
    expect(JSON.parse(meta.title!)).toMatch(/^Postmortem 2026-11-22: /);
    expect(meta.date).toBe('2026-11-22');
    expect(meta.status).toBe('draft');
    expect(meta.severity).toMatch(/^SEV[1-4]$/);
    expect(meta.authors).toBe('[]');

    const tokens = marked.lexer(body);
    const html = marked.parse(body) as string;
    expect(html).toContain('<table>');
    const h2 = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 2).map((t) => t.text);
    // One episode: the classic sections, with the causes the root cause explains named as consequences.
    expect(h2).toEqual(['Summary', 'Detection', 'Root cause', 'Consequences, not causes', 'Contributing factors', 'Timeline', 'Action items', 'Lessons learned', 'Appendix A: Findings', 'Appendix B: Files']);
    expect(body).toContain('Consequence of process-starvation:');
    expect(body).not.toMatch(/contributed: Idle connections/);
    const h3 = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 3).map((t) => t.text);
    expect(h3).toEqual(expect.arrayContaining(['What went well', 'What went wrong', 'Where we got lucky']));
    expect(tokens.some((t) => t.type === 'code' && (t as Tokens.Code).lang === 'mermaid')).toBe(true);
    // Action items are a task list.
    const actions = tokens.find((t): t is Tokens.List => t.type === 'list' && (t as Tokens.List).items.some((i) => i.task));
    expect(actions?.items.length).toBe(new Set([input.rootCauses[0]!, ...input.rootCauses.slice(1).filter((c) => c.confidence >= 0.3)].map((c) => c.fix)).size);
  });

  it('the timeline table: its columns, time-sorted rows, every annotation with its marker, evidence that quotes the bundle', () => {
    const { body } = splitFrontMatter(renderPostmortem(input, OPTS));
    const table = sectionTable(marked.lexer(body), 'Timeline');
    expect(table.header.map((h) => h.text)).toEqual(['Time (UTC)', 'Source', 'Event', 'Marker', 'Evidence']);
    const rows = table.rows;
    for (const r of rows) expect(r).toHaveLength(5);
    const times = rows.map((r) => r[0]!.text);
    expect(times).toEqual([...times].sort());

    // Findings, by their first occurrence; context findings (severity info) are not incident events.
    expect(rows.some((r) => r[1]!.text === 'Finding (info)')).toBe(false);
    for (const f of input.findings.filter((x) => x.first !== null && x.severity !== 'info')) {
      expect(rows.some((r) => r[1]!.text === `Finding (${f.severity})` && r[2]!.text.startsWith(f.title))).toBe(true);
    }
    // Every annotation, with its marker label; the one on a line takes that record's time.
    for (const a of [DETECTION, DIAGNOSIS]) {
      const row = rows.find((r) => r[1]!.text === 'Annotation' && r[2]!.text.startsWith(a.text.slice(0, 30)));
      expect(row, a.text).toBeDefined();
      expect(row![3]!.text).toBe(MARKER_LABELS[a.marker]);
    }
    const diag = rows.find((r) => r[3]!.text === 'Diagnosis')!;
    expect(codes(diag[4]!)).toEqual([`logs/app.log:${STARVATION_LINE}`]);
    expect(diag[0]!.text).toBe('2026-11-22 04:18:21.477');
    // The detection note keeps its pipe and its second line inside the cell.
    const det = rows.find((r) => r[3]!.text === 'Detection')!;
    expect(det[2]!.text).toContain('answers 500 | p99');
    expect(det[2]!.text).toContain('<br>probe from');

    // Each finding or evidence row quotes the very line its `file:line` points at.
    let quoted = 0;
    for (const r of rows.filter((x) => x[1]!.text !== 'Annotation')) {
      const [where] = codes(r[4]!);
      const m = /^logs\/app\.log:(\d+)$/.exec(where ?? '');
      if (!m) continue;
      const excerpt = codes(r[2]!)[0]!;
      const line = APP_LOG[Number(m[1]) - 1]!;
      expect(line.startsWith(excerpt.replace(/…$/, ''))).toBe(true);
      quoted++;
    }
    expect(quoted).toBeGreaterThan(3);
  });

  it('root cause evidence: `file:line` headers followed by the line itself in a fence', () => {
    const { body } = splitFrontMatter(renderPostmortem(input, OPTS));
    const tokens = marked.lexer(body);
    const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Root cause');
    const end = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Contributing factors');
    const section = tokens.slice(start, end);
    const fences = section.filter((t): t is Tokens.Code => t.type === 'code');
    expect(fences.length).toBe(input.rootCauses[0]!.evidence.length);
    for (const [i, e] of input.rootCauses[0]!.evidence.entries()) {
      expect(fences[i]!.text).toBe(e.excerpt);
      expect(APP_LOG[e.line - 1]).toBe(e.excerpt.split('\n')[0]);
    }
  });

  it('anonymised, with the authors\' front matter: matches its golden file and leaks nothing', () => {
    const opts: PostmortemOptions = { title: 'Rankings API outage: JVM frozen by its host', status: 'in-review', severity: 'SEV1', authors: ['Dana Kim', 'Lee Jun'] };
    const md = renderPostmortem(anonymizeInput(input).input, opts);
    matchesGolden('orders-outage.anonymized.md', md);
    const { meta } = splitFrontMatter(md);
    expect(meta).toMatchObject({ title: JSON.stringify(opts.title), status: 'in-review', severity: 'SEV1', authors: '["Dana Kim", "Lee Jun"]' });
    const leaks = /10\.20\.0\.7|\bvm\b|oncall@|orders\.example\.com/;
    expect(renderPostmortem(input, opts)).toMatch(leaks);
    expect(md).not.toMatch(leaks);
    expect(md).toMatch(/probe from ip-1 on host-1, acked by email-1@example\.invalid/);
    expect(() => marked.parse(splitFrontMatter(md).body)).not.toThrow();
  });
});
