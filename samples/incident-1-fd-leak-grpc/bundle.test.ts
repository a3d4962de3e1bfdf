/**
 * The committed incident-1 bundle (made by make.sh from the running gateway) holds the evidence a diagnosis
 * needs: descriptors and gRPC sockets growing to the limit, transport goroutines and subscription loops
 * growing, and the gateway's own EMFILE errors. Grep-level: no Go, MariaDB or engine needed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  captures,
  checkBundleShape,
  checkReadmeEvidence,
  countIn,
  goroutines,
  lines,
  nonDecreasing,
} from '../shared/go/bundle-check';

const SAMPLE = fileURLToPath(new URL('.', import.meta.url));
const TUBA = '127.0.0.1:38151';
const lsof = captures(SAMPLE, 'snapshots', 'lsof');
const ss = captures(SAMPLE, 'snapshots', 'ss');
const dumps = captures(SAMPLE, 'dumps', 'goroutine');
const log = lines(join(SAMPLE, 'bundle/logs/api_gateway.log'));

/** Descriptor rows of an `lsof -p PID` capture (after the collector header and lsof's column header). */
const fdRows = (c: { lines: string[] }) => c.lines.slice(2);
const toTuba = (rows: string[]) => rows.filter((r) => r.includes(`->${TUBA} (ESTABLISHED)`)).length;

describe('incident-1-fd-leak-grpc bundle', () => {
  it('has the series, all of one gateway process, in a small text bundle', () => {
    checkBundleShape(SAMPLE);
    expect(lsof.length).toBeGreaterThanOrEqual(5);
    expect(ss.length).toBeGreaterThanOrEqual(5);
    expect(dumps.length).toBeGreaterThanOrEqual(5);
    const pid = lsof[0]!.pid;
    for (const c of [...lsof, ...ss, ...dumps, ...captures(SAMPLE, 'snapshots', 'limits')]) expect(c.pid).toBe(pid);
    expect(lsof.every((c) => c.cmd === `lsof -p ${pid} -nP`)).toBe(true);
    expect(log.some((l) => l.includes(`api_gateway pid ${pid} listening on 127.0.0.1:38101`))).toBe(true);
  });

  it('runs under a 128-descriptor limit', () => {
    const limits = captures(SAMPLE, 'snapshots', 'limits');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.lines.find((l) => l.startsWith('Max open files'))).toMatch(/^Max open files\s+128\s+128\s+files/);
  });

  it('lsof: descriptors grow to the limit, the growth is TCP sockets to the tuba module', () => {
    const counts = lsof.map((c) => fdRows(c).filter((r) => /^\S+\s+\d+\s+\S+\s+\d+[rwu]\s/.test(r)).length);
    const tuba = lsof.map((c) => toTuba(fdRows(c)));
    expect(nonDecreasing(tuba)).toBe(true);
    expect(tuba[0]).toBe(0);
    expect(tuba[tuba.length - 1]).toBeGreaterThan(100);
    expect(counts[0]).toBeLessThan(20);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(125);
    // at least five captures show the climb before the limit is reached
    expect(counts.filter((n) => n < 125).length).toBeGreaterThanOrEqual(5);
  });

  it('ss: established connections from the gateway to the module grow', () => {
    const est = ss.map((c) => c.lines.filter((l) => /^ESTAB\s/.test(l) && l.includes(` ${TUBA} `) && l.includes('"api_gateway"')).length);
    expect(est[0]).toBe(0);
    expect(est[est.length - 1]).toBeGreaterThan(100);
    expect(nonDecreasing(est)).toBe(true);
  });

  it('goroutine dumps: gRPC transport readers/writers and subscription loops grow', () => {
    const readers = dumps.map((d) => countIn(d.lines, 'google.golang.org/grpc/internal/transport.(*http2Client).reader'));
    const writers = dumps.map((d) => countIn(d.lines, 'google.golang.org/grpc/internal/transport.(*loopyWriter).run'));
    const loops = dumps.map((d) => countIn(d.lines, 'main.(*subscriptions).graphqlCommonSubscription'));
    expect(readers[0]).toBe(0);
    expect(nonDecreasing(readers)).toBe(true);
    expect(readers[readers.length - 1]).toBeGreaterThan(100);
    expect(writers[writers.length - 1]).toBe(readers[readers.length - 1]);
    expect(loops[0]).toBe(0);
    expect(loops[loops.length - 1]).toBeGreaterThan(3);
    // the last dump is the runtime's SIGQUIT dump (pprof could no longer accept a connection)
    const last = dumps[dumps.length - 1]!;
    expect(last.cmd).toMatch(/^kill -QUIT \d+/);
    expect(last.lines[1]).toBe('SIGQUIT: quit');
    expect(dumps.slice(0, -1).every((d) => d.cmd.includes('/debug/pprof/goroutine?debug=2'))).toBe(true);
    expect(goroutines(last.lines).length).toBeGreaterThan(400);
  });

  it('log: Go log lines, EMFILE on accept, on gRPC dials and on MySQL dials', () => {
    for (const l of log) expect(l).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{6} /);
    const accept = log.filter((l) => l.includes('http: Accept error: accept tcp 127.0.0.1:38101: accept4: too many open files; retrying in'));
    const grpc = log.filter((l) => l.includes(`transport: Error while dialing dial tcp ${TUBA}: socket: too many open files`));
    const mysql = log.filter((l) => l.includes('dial tcp 127.0.0.1:38131: socket: too many open files'));
    expect(accept.length).toBeGreaterThan(10);
    expect(grpc.length).toBeGreaterThan(10);
    expect(mysql.length).toBeGreaterThan(0);
    // no EMFILE before the descriptors were nearly all used
    const firstEmfile = log.findIndex((l) => l.includes('too many open files'));
    const nearlyFull = lsof.find((c) => toTuba(fdRows(c)) > 90)!;
    expect(log[firstEmfile]!.slice(11, 19) > nearlyFull.at.slice(11, 19)).toBe(true);
  });

  it('log: subscriptions whose client vanished keep running; politely stopped ones end', () => {
    const abnormal = log.filter((l) => /graphql-ws: connection \d+ closed \(websocket: close 1006/.test(l));
    const stopped = log.filter((l) => /graphql-ws: connection \d+ operation 1 stopped$/.test(l));
    expect(abnormal.length).toBeGreaterThan(2);
    expect(stopped.length).toBeGreaterThan(2);
    for (const l of abnormal) {
      const conn = /connection (\d+) closed/.exec(l)![1]!;
      expect(log.some((x) => x.includes(`graphql-ws: connection ${conn} operation 1 stopped`)), `connection ${conn}`).toBe(false);
    }
  });

  it('README cites lines that say what it quotes', () => {
    expect(checkReadmeEvidence(SAMPLE)).toBeGreaterThan(5);
  });
});
