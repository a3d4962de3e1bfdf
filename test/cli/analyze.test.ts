import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempHome } from '../support/cli';

interface JsonOut {
  bundle: { timeZone: string; timeZoneSource: string };
  files: { path: string; kind: string; status: string; records: number; skipped: number; note: string | null }[];
  findings: { signature: string; severity: string; first: string | null; last: string | null; count: number; evidence: { file: string; line: number; text: string }[] }[];
  rootCauses: { id: string; confidence: number; title: string; summary: string; evidence: { file: string; line: number; text: string }[] }[];
}

const INCIDENT3 = 'samples/incident-3-hikari-starvation/bundle';
const HEALTHY = 'samples/healthy-spring-pino/bundle';

describe('rootline analyze (the CLI, as a user runs it)', () => {
  it('ranks process-starvation first for the incident-3 sample, with evidence lines read back from the files', () => {
    const r = runCli(['analyze', INCIDENT3, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut; // stdout holds only JSON
    expect(out.rootCauses[0]!.id).toBe('process-starvation');
    expect(out.rootCauses[0]!.confidence).toBeGreaterThan(0.7);
    for (let i = 1; i < out.rootCauses.length; i++) expect(out.rootCauses[i - 1]!.confidence).toBeGreaterThanOrEqual(out.rootCauses[i]!.confidence);
    const ev = out.rootCauses[0]!.evidence;
    expect(ev.length).toBeGreaterThan(1);
    const appLog = readFileSync(join(REPO, INCIDENT3, 'logs/app.log'), 'utf8').split('\n');
    for (const e of ev.filter((x) => x.file === 'logs/app.log')) expect(e.text.split('\n')[0]).toBe(appLog[e.line - 1]);
    expect(ev.some((e) => /Thread starvation or clock leap detected/.test(e.text))).toBe(true);
    // The log has no zone; the GC log's offsets tell it.
    expect(out.bundle.timeZone).toBe('UTC+9');
    expect(out.bundle.timeZoneSource).toMatch(/gc\.log/);
    // Progress went to stderr.
    expect(r.stderr).toMatch(/lines/);
  });

  it('finds no root cause above 0.5 in the healthy sample', () => {
    const r = runCli(['analyze', HEALTHY, '--json', '--no-progress']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.rootCauses.filter((c) => c.confidence > 0.5)).toEqual([]);
    expect(out.files.some((f) => f.kind === 'pino')).toBe(true);
    expect(out.files.some((f) => f.kind === 'java-log')).toBe(true);
  });

  it('ingests a malicious zip: the three attacks refused and listed with reasons, the rest ingested', () => {
    const r = runCli(['analyze', 'engine/bundle/__fixtures__/evil.zip', '--json', '--no-progress']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    const refused = out.files.filter((f) => f.status === 'refused');
    expect(refused.map((f) => f.path).sort()).toEqual(['../evil', '/etc/evil', 'logs/passwd']);
    expect(new Set(refused.map((f) => f.note)).size).toBe(3);
    expect(refused.find((f) => f.path === 'logs/passwd')!.note).toMatch(/symbolic link/);
    expect(out.files.filter((f) => f.status === 'parsed').length).toBeGreaterThan(0);
    expect(out.files.find((f) => f.path === 'logs/app.log')!.records).toBeGreaterThan(0);
  });

  it('writes the Markdown report with root causes, evidence lines, files and the zone assumed', () => {
    const home = tempHome();
    const md = join(home, 'report.md');
    const r = runCli(['analyze', INCIDENT3, '--out', md, '--no-progress'], home);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(md)).toBe(true);
    const text = readFileSync(md, 'utf8');
    expect(text).toMatch(/^# Rootline analysis: incident-3-hikari-starvation\/bundle/m);
    expect(text).toMatch(/## Root causes[\s\S]*process-starvation/);
    expect(text).toMatch(/`logs\/app\.log:\d+`/);
    expect(text).toMatch(/Thread starvation or clock leap detected/);
    expect(text).toMatch(/## Files/);
    expect(text).toMatch(/read as \*\*UTC\+9\*\*/);
    expect(r.stdout).toMatch(/1\. process-starvation/);
  });

  it('exits non-zero with a clear message for a path that does not exist, and for a bad zone', () => {
    const missing = runCli(['analyze', 'no/such/bundle']);
    expect(missing.status).toBe(66);
    expect(missing.stderr).toMatch(/no\/such\/bundle: no such file or directory/);
    expect(missing.stdout).toBe('');
    const zone = runCli(['analyze', INCIDENT3, '--tz', 'Mars/Olympus', '--no-progress']);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toMatch(/unknown time zone "Mars\/Olympus"/);
  });

  it('re-analysing an unchanged bundle reuses its database instead of duplicating it', () => {
    const home = tempHome();
    const first = JSON.parse(runCli(['analyze', INCIDENT3, '--json', '--no-progress'], home).stdout) as JsonOut & { bundle: { reused: boolean } };
    const second = JSON.parse(runCli(['analyze', INCIDENT3, '--json', '--no-progress'], home).stdout) as JsonOut & { bundle: { reused: boolean } };
    expect(first.bundle.reused).toBe(false);
    expect(second.bundle.reused).toBe(true);
    expect(second.files).toEqual(first.files);
    expect(second.rootCauses.map((c) => c.id)).toEqual(first.rootCauses.map((c) => c.id));
  });
});
