/**
 * The postmortem of a real sample bundle (incident 3: the JVM starved by its host), analysed into a
 * temp database: annotations reach the timeline, and `--anonymize` leaves no address or host name
 * of the bundle in the document.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { marked, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzePath } from '../../api/analyze';
import { Store } from '../../store';
import { anonymizeInput } from './anonymize';
import { buildPostmortemInput } from './input';
import { renderPostmortem } from './render';
import type { PostmortemInput } from './types';

const BUNDLE = fileURLToPath(new URL('../../../samples/incident-3-hikari-starvation/bundle', import.meta.url));

/** Every text file of the bundle, gzipped members unpacked. */
function bundleTexts(dir = BUNDLE): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return bundleTexts(p);
    const raw = readFileSync(p);
    return [{ path: relative(BUNDLE, p), text: (p.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8') }];
  });
}

/** What the bundle says about machines: capture-header and log `host=` values, `hostname` fields, IPv4 addresses. */
function bundleIdentities(): { hosts: string[]; ips: string[] } {
  const hosts = new Set<string>();
  const ips = new Set<string>();
  for (const { text } of bundleTexts()) {
    for (const m of text.matchAll(/\bhost=([^\s,;]+)/g)) if (!m[1]!.startsWith('[')) hosts.add(m[1]!);
    for (const m of text.matchAll(/"hostname"\s*:\s*"([^"]+)"/g)) hosts.add(m[1]!);
    for (const m of text.matchAll(/(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g)) ips.add(m[0]);
  }
  for (const h of [...hosts]) {
    if (/^[\d.]+$/.test(h)) {
      hosts.delete(h);
      ips.add(h);
    }
  }
  return { hosts: [...hosts], ips: [...ips] };
}

const word = (s: string) => new RegExp(`(?<![\\w.-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`);

describe('postmortem of samples/incident-3-hikari-starvation', () => {
  let dir: string;
  let input: PostmortemInput;
  const ids = bundleIdentities();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rootline-postmortem-sample-'));
    const r = await analyzePath(BUNDLE, { db: join(dir, 'rootline.sqlite') });
    const store = Store.open(r.bundle.db);
    try {
      const firstFinding = Math.min(...r.findings.flatMap((f) => (f.first === null ? [] : [f.first])));
      // A note that names every address and host of the bundle, twice, so that anonymisation has work to do.
      const names = [...ids.ips, ...ids.hosts].join(', ');
      store.annotations.create(r.bundle.id, { marker: 'key', ts: firstFinding + 5_000, text: `Database at ${names} stopped answering; ${names} again` });
      store.annotations.create(r.bundle.id, { marker: 'repair', ts: firstFinding + 600_000, text: 'Moved the service to a dedicated instance' });
      input = buildPostmortemInput(store, r.bundle.id);
    } finally {
      store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the bundle names machines (else the anonymisation test below proves nothing)', () => {
    expect(ids.ips.length).toBeGreaterThan(0);
    expect(ids.hosts.length).toBeGreaterThan(0);
    expect(input.hosts).toEqual(expect.arrayContaining(ids.hosts));
  });

  it('puts the annotations added through the store in the timeline table, with their markers', () => {
    const md = renderPostmortem(input, { mermaid: true });
    const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
    const tokens = marked.lexer(body);
    const at = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === 'Timeline');
    const table = tokens.slice(at).find((t): t is Tokens.Table => t.type === 'table')!;
    const rows = table.rows.map((r) => r.map((c) => c.text));
    expect(rows.find((r) => r[3] === 'Key moment')?.[2]).toMatch(/^Database at .* stopped answering/);
    expect(rows.find((r) => r[3] === 'Repair')?.[2]).toBe('Moved the service to a dedicated instance');
    expect(rows.find((r) => r[3] === 'Repair')?.[1]).toBe('Annotation');
    // The repair widens the impact window to it.
    expect(md).toMatch(/\*\*Impact window \(UTC\):\*\* .*widened by 1 annotation marked Detection or Repair/);
    expect(md).toMatch(/^title: "Postmortem 2026-11-22: The process was frozen/m);
  });

  it('--anonymize: no IP address or host name of the bundle remains, and each maps to one token throughout', () => {
    const plain = renderPostmortem(input, {});
    for (const v of [...ids.ips, ...ids.hosts]) expect(plain).toMatch(word(v));
    const { input: anon, anonymizer } = anonymizeInput(input);
    const md = renderPostmortem(anon, {});
    for (const v of [...ids.ips, ...ids.hosts]) expect(md, v).not.toMatch(word(v));
    const m = anonymizer.mapping();
    const tokenOf = new Map([...m.ip, ...m.host]);
    // The note named each value twice: both mentions carry the same token.
    const note = anon.annotations.find((a) => a.marker === 'key')!.text;
    const names = [...ids.ips, ...ids.hosts].map((v) => tokenOf.get(v)).join(', ');
    expect(note).toBe(`Database at ${names} stopped answering; ${names} again`);
    // Capture headers quoted as evidence all name the host by the same token.
    const headers = [...md.matchAll(/# captured \S+ host=(\S+)/g)].map((x) => x[1]);
    expect(new Set(headers).size).toBeLessThanOrEqual(1);
    for (const h of headers) expect(m.host.map(([, t]) => t)).toContain(h);
    // Distinct values, distinct tokens.
    expect(new Set(tokenOf.values()).size).toBe(tokenOf.size);
    // Anonymising again gives the same document.
    expect(renderPostmortem(anonymizeInput(input).input, {})).toBe(md);
  });
});
