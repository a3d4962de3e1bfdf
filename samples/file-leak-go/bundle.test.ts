/**
 * The committed file-leak-go bundle (made by make.sh from the running service) shows what its README says:
 * ingestd's descriptors grow to its 512 limit and the growth is regular files on the tenants' journal paths,
 * sockets flat; the goroutine dumps hold handlers writing to a journal under main.(*server).appendBatch; the
 * log has too many open files on open and on accept only once the table is full; CLOSE_WAIT sockets wait
 * unaccepted on the listener only after that. Grep-level: no Go or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captures, checkBundleShape, checkReadmeEvidence, countIn, goroutines, lines, nonDecreasing } from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const lsof = captures(SAMPLE, 'snapshots', 'lsof');
const ss = captures(SAMPLE, 'snapshots', 'ss');
const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const log = lines(join(SAMPLE, 'bundle/logs/ingestd.log'));

/** Numbered descriptor rows of an `lsof -p PID` capture (after the collector header and lsof's column header). */
const fdRows = (c: { lines: string[] }) => c.lines.slice(2).filter((r) => /^\S+\s+\d+\s+\S+\s+\d+[rwu]\s/.test(r));
const onJournal = (rows: string[], tenant: string) => rows.filter((r) => / REG .*\/data\/journal\/[a-z]+\.ndjson$/.test(r) && r.endsWith(`/${tenant}.ndjson`)).length;
const sockets = (rows: string[]) => rows.filter((r) => / IPv[46] /.test(r)).length;
/** `2026/12/07 15:52:32.696858 …` (Go's log, UTC) → the time of day. */
const timeOf = (l: string) => l.slice(11, 19);

describe('file-leak-go bundle', () => {
  it('has the series, all of one ingestd process, in a small text bundle', () => {
    checkBundleShape(SAMPLE);
    expect(lsof.length).toBeGreaterThanOrEqual(8);
    expect(ss).toHaveLength(lsof.length);
    expect(dumps.length).toBeGreaterThanOrEqual(4);
    const pid = lsof[0]!.pid;
    for (const c of [...lsof, ...ss, ...dumps, ...captures(SAMPLE, 'snapshots', 'limits')]) expect(c.pid).toBe(pid);
    expect(lsof.every((c) => c.cmd === `lsof -p ${pid} -nP`)).toBe(true);
    expect(log[0]).toContain(`ingestd pid ${pid} listening on 127.0.0.1:18191`);
  });

  it('runs under a 512-descriptor limit', () => {
    const limits = captures(SAMPLE, 'snapshots', 'limits');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.lines.find((l) => l.startsWith('Max open files'))).toMatch(/^Max open files\s+512\s+512\s+files/);
  });

  it('lsof: descriptors grow to the limit, the growth is REG entries on the journal paths, sockets stay flat', () => {
    const counts = lsof.map((c) => fdRows(c).length);
    const acme = lsof.map((c) => onJournal(fdRows(c), 'acme'));
    const globex = lsof.map((c) => onJournal(fdRows(c), 'globex'));
    expect(counts[0]).toBeLessThan(12);
    expect(counts.at(-1)).toBe(512);
    expect(counts.filter((n) => n < 500).length).toBeGreaterThanOrEqual(5); // the climb before the limit
    expect(nonDecreasing(acme) && nonDecreasing(globex)).toBe(true);
    expect([acme[0], globex[0]]).toEqual([0, 0]);
    expect(acme.at(-1)! + globex.at(-1)!).toBeGreaterThan(counts.at(-1)! - 12);
    expect(acme.at(-1)!).toBeGreaterThan(2 * globex.at(-1)!); // three acme shippers, one globex
    expect(Math.max(...lsof.map((c) => sockets(fdRows(c))))).toBeLessThanOrEqual(5);
    // lsof lists only what ingestd opened: no descriptor inherited from the shell that ran make.sh.
    expect(fdRows(lsof[0]!).map((r) => r.split(/\s+/)[3])).toEqual(['0r', '1w', '2w', '3w', '4u', '5r', '6w', '7u']);
  });

  it('goroutine dumps: handlers write batches to a journal in appendBatch, through os.(*File).ReadFrom; pprof stops answering at the limit', () => {
    for (const d of dumps.slice(1)) {
      const writing = goroutines(d.lines).filter((g) => g.stack.includes('os.(*File).ReadFrom(') && g.stack.includes('main.(*server).appendBatch('));
      expect(writing.length, d.path).toBeGreaterThan(0);
    }
    expect(dumps.every((d) => d.cmd.includes('/debug/pprof/goroutine?debug=2'))).toBe(true);
    expect(dumps.at(-1)!.at < lsof.find((c) => fdRows(c).length === 512)!.at).toBe(true);
    expect(Math.max(...dumps.map((d) => countIn(d.lines, 'main.(*server).handleEvents')))).toBeLessThanOrEqual(4); // no goroutine leak
  });

  it('log: too many open files on open and on accept, only once the table is full', () => {
    for (const l of log) expect(l).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} /);
    const open = log.filter((l) => /batch \S+ tenant=\w+: open journal: open \S+\/data\/journal\/\w+\.ndjson: too many open files$/.test(l));
    const accept = log.filter((l) => l.includes('http: Accept error: accept tcp 127.0.0.1:18191: accept4: too many open files; retrying in'));
    expect(open.length).toBeGreaterThan(50);
    expect(accept.length).toBeGreaterThan(50);
    const firstEmfile = log.find((l) => l.includes('too many open files'))!;
    const nearlyFull = lsof.find((c) => fdRows(c).length > 480)!;
    expect(timeOf(firstEmfile) > nearlyFull.at.slice(11, 19)).toBe(true);
  });

  it('ss: CLOSE_WAIT sockets without a process queue on the listener only after the table is full', () => {
    const full = lsof.find((c) => fdRows(c).length === 512)!.at;
    for (const c of ss) {
      const cw = c.lines.filter((l) => l.startsWith('CLOSE-WAIT'));
      if (c.at < full) expect(cw, c.path).toHaveLength(0);
      for (const l of cw) expect(l).not.toContain('users:');
    }
    expect(ss.at(-1)!.lines.filter((l) => l.startsWith('CLOSE-WAIT')).length).toBeGreaterThan(10);
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(8);
  });
});
