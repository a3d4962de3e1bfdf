/** Descriptor kinds and targets on real lsof output (the corpus fixtures), and how growth is grouped by path. */
import { describe, expect, it } from 'vitest';
import { parseFixture } from '../../test/support/parse-fixture';
import { deltasOf, dirPattern, fdKind, fdTarget, pathPattern, targetDeltas, targetMatches } from './kinds';
import type { FdRow, LsofRecord } from './model';
import { lsofParser } from './parser';

const rows = (file: string) =>
  (parseFixture(lsofParser, 'corpus/lsof/' + file).records as LsofRecord[]).filter((r): r is FdRow => r.type === 'fd' && r.fdNum !== undefined);

describe('fdKind and fdTarget', () => {
  it('sort every numbered descriptor type of a whole-system lsof (CentOS 7.7) into sockets, files, pipes and anonymous inodes', () => {
    const kinds = new Map<string, string>();
    for (const r of rows('jc-centos-7.7_lsof-sudo.out')) kinds.set(r.fdType, fdKind(r.fdType));
    expect(Object.fromEntries(kinds)).toEqual({
      CHR: 'file', DIR: 'file', REG: 'file', FIFO: 'pipe', a_inode: 'anon',
      IPv4: 'socket', IPv6: 'socket', unix: 'socket', sock: 'socket', netlink: 'socket', raw6: 'socket', pack: 'socket',
    });
  });

  it('name what a non-socket descriptor points at, and nothing for sockets', () => {
    const all = rows('jc-centos-7.7_lsof-sudo.out');
    const targetsOf = (type: string) => new Set(all.filter((r) => r.fdType === type).map((r) => fdTarget(r.fdType, r.name)));
    expect(targetsOf('a_inode')).toEqual(new Set(['[eventpoll]', '[timerfd]', '[signalfd]', 'inotify', '[eventfd]']));
    expect(targetsOf('FIFO')).toEqual(new Set(['pipe']));
    expect(targetsOf('IPv4')).toEqual(new Set([null]));
    expect(fdTarget('REG', '/var/log/app.log (deleted)')).toBe('/var/log/app.log');
    expect(fdTarget('a_inode', '[eventpoll:5,7,8,9]')).toBe('[eventpoll]'); // lsof 4.95 prints the watched fds
    // Unprivileged lsof (Ubuntu 18.04): rows it could not read still get a target, never an empty one.
    for (const r of rows('jc-ubuntu-18.04_lsof.out').filter((x) => fdKind(x.fdType) === 'file')) expect(fdTarget(r.fdType, r.name)).not.toBe('');
  });

  it('counts the repeated log files of a leaking pm2 process (pm2#603) by path', () => {
    const pm2 = rows('issue-pm2-603-lsof-repeated-log-fds.txt');
    expect(pm2.map((r) => fdKind(r.fdType))).toEqual(['file', 'file', 'file']);
    const d = deltasOf([], pm2.map((r) => fdTarget(r.fdType, r.name)!));
    expect(d).toEqual([
      { key: '/home/ubuntu/.pm2/logs/receiver-err-0.log', first: 0, last: 2 },
      { key: '/home/ubuntu/.pm2/logs/receiver-out-0.log', first: 0, last: 1 },
    ]);
  });
});

describe('targetDeltas', () => {
  it('names the exact path when one path carries the growth', () => {
    const first = ['/data/journal/acme.ndjson', '/var/log/app.log'];
    const last = [...first, ...Array(300).fill('/data/journal/acme.ndjson'), ...Array(100).fill('/data/journal/globex.ndjson')];
    expect(targetDeltas(first, last)[0]).toEqual({ key: '/data/journal/acme.ndjson', first: 1, last: 301 });
  });

  it('names a pattern when files opened per request differ only by a number or an id', () => {
    const last = Array.from({ length: 120 }, (_, i) => `/spool/upload-${1000 + i}.part`);
    expect(targetDeltas(['/spool/upload-999.part'], last)[0]).toEqual({ key: '/spool/upload-*.part', first: 1, last: 120 });
    expect(pathPattern('/tmp/cache/5f0c2e9a1b7d/2026-12-07.json')).toBe('/tmp/cache/*/*.json');
    expect(pathPattern('/srv/deadbeefcafe/x')).toBe('/srv/deadbeefcafe/x'); // hex-looking words without a digit stay
  });

  it('names the directory when several names grow alike', () => {
    const last = ['a', 'b', 'c', 'd'].flatMap((t) => Array(50).fill(`/data/journal/${t}.ndjson`));
    expect(targetDeltas([], last)[0]).toEqual({ key: '/data/journal/*', first: 0, last: 200 });
    expect(dirPattern('pipe')).toBe('pipe');
    expect(targetMatches('/data/journal/*', '/data/journal/c.ndjson')).toBe(true);
    expect(targetMatches('/data/journal/a.ndjson', '/data/journal/c.ndjson')).toBe(false);
  });
});
