import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Anonymizer, anonymizeInput } from './anonymize';
import { hostNamesIn, hostOfPeer } from './hosts';
import type { PostmortemInput } from './types';

/** Learns from every text first, as anonymizeInput does, then replaces. */
function anon(texts: string[], hosts: string[] = []): { out: string[]; a: Anonymizer } {
  const a = new Anonymizer(hosts);
  texts.forEach((t) => a.learn(t));
  return { out: texts.map((t) => a.apply(t)), a };
}

describe('host names from the data', () => {
  it('reads capture headers, key=value and JSON fields, URL authorities and FQDN-looking tokens', () => {
    expect(hostNamesIn('# captured 2026-11-22T04:16:55Z host=vm pid=25595 cmd=jstack 25595')).toEqual(['vm']);
    expect(hostNamesIn('{"level":30,"pid":11189,"hostname":"api-7f9c","msg":"x"}')).toEqual(['api-7f9c']);
    expect(hostNamesIn('jdbcUrl........jdbc:postgresql://db-primary.prod.internal:5432/ranking')).toEqual(['db-primary.prod.internal']);
    expect(hostNamesIn('connect to cache-2.eu.example.com failed')).toEqual(['cache-2.eu.example.com']);
    expect(hostNamesIn('connection received: host=[local]')).toEqual([]);
    expect(hostNamesIn('host=127.0.0.1 port=32774 host=localhost')).toEqual([]);
  });

  it('does not take class, package, module or file names for hosts', () => {
    const text = [
      'com.zaxxer.hikari.pool.HikariPool - HikariPool-1 - Thread starvation',
      'org.postgresql.jdbc.PgConnection@27b4537f io.netty.util.internal.PlatformDependent',
      'google.golang.org/grpc.(*ClientConn).Invoke github.com/acme/gw/internal/x.go:42',
      'kotlinx.coroutines.internal logs/app.log.1.gz gc.log.0 README.md jmap-histo-20261122T041655Z.txt',
      'OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1 mixed mode)',
    ].join('\n');
    expect(hostNamesIn(text)).toEqual([]);
  });

  it('takes the host out of socket peers', () => {
    expect(hostOfPeer('db-1.internal:5432')).toBe('db-1.internal');
    expect(hostOfPeer('api-gw:https')).toBe('api-gw');
    expect(hostOfPeer('10.0.0.5:5432')).toBeNull();
    expect(hostOfPeer('[fe80::1]:443')).toBeNull();
    expect(hostOfPeer('*:8080')).toBeNull();
  });
});

describe('Anonymizer', () => {
  it('replaces IPv4, IPv6 (compressed, full, ::ffff: mapped, bracketed with port) and keeps ports', () => {
    const { out } = anon([
      'dial tcp 10.20.0.7:5432: connect refused',
      'peer ::ffff:10.20.0.7 and fe80::1 and [2001:db8::8a2e:370:7334]:443',
      'full 2001:0db8:0000:0000:0000:8a2e:0370:7334 loopback ::1',
    ]);
    expect(out[0]).toBe('dial tcp ip-1:5432: connect refused');
    // The mapped form is the same address, so the same token.
    expect(out[1]).toBe('peer ip-1 and ip-2 and [ip-3]:443');
    expect(out[2]).toBe('full ip-3 loopback ip-4');
  });

  it('replaces user ids in fields and URL paths, home directories and e-mails, consistently', () => {
    const { out, a } = anon([
      'connection authorized: user=rank_app database=ranking',
      'POST /api/v1/users/41604/solved 200 and GET /api/v1/users/41604 404, uid=1000',
      '{"userId":"u-77","email":"Alice.Smith@corp.example.com"} at /home/alice/app/run.sh',
      'paged alice.smith@corp.example.com; user=rank_app again',
    ]);
    expect(out[0]).toBe('connection authorized: user=user-1 database=ranking');
    expect(out[1]).toBe('POST /api/v1/users/user-2/solved 200 and GET /api/v1/users/user-2 404, uid=user-3');
    expect(out[2]).toBe('{"userId":"user-4","email":"email-1@example.invalid"} at /home/user-5/app/run.sh');
    expect(out[3]).toBe('paged email-1@example.invalid; user=user-1 again');
    expect(a.mapping().user.map(([k]) => k)).toEqual(['rank_app', '41604', '1000', 'u-77', 'alice']);
  });

  it('replaces known host names as whole tokens, longest first, inside paths too', () => {
    const { out } = anon(
      ['# captured 2026-11-22T04:16:55Z host=vm pid=1', 'vm.example.com and vm: the JVM on vm-2 (Server VM) logs/vm/app.log'],
      ['vm.example.com'],
    );
    expect(out[0]).toBe('# captured 2026-11-22T04:16:55Z host=host-1 pid=1');
    // `vm-2`, `JVM` and `VM` are other words; the FQDN is its own host.
    expect(out[1]).toBe('host-2 and host-1: the JVM on vm-2 (Server VM) logs/host-1/app.log');
  });

  it('in file names, `-`, `_` and `.` separate a host name from the rest', () => {
    const a = new Anonymizer(['web-01']);
    expect(a.apply('dumps/jstack-web-01-20261122T041654Z.txt', { path: true })).toBe('dumps/jstack-host-1-20261122T041654Z.txt');
    expect(a.apply('web-01_app.log.1.gz', { path: true })).toBe('host-1_app.log.1.gz');
    expect(a.apply('jstack-web-01-20261122T041654Z.txt')).toBe('jstack-web-01-20261122T041654Z.txt');
  });

  it('leaves versions, times, class names, object ids, method references and non-id numbers alone', () => {
    const keep = [
      '2026-11-22 13:18:21.476  WARN 25595 --- [l-1 housekeeper] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m30s183ms969µs549ns).',
      'Starting RankingApplication using Java 17.0.15 with PID 25595; netty 4.1.100.Final; PostgreSQL 15.18 (Debian 15.18-0+deb12u1)',
      'org.postgresql.jdbc.PgConnection@5bd415a3 at 2026-11-22T04:16:55Z, 12:00:00, Foo::bar, std::vector, add::bad',
      'GET /api/v1/rankings?page=18 200 2547ms; /api/v1/orders/4438/items; top - 13:16:55 up 58 min,  0 user',
    ];
    expect(anon(keep).out).toEqual(keep);
  });

  it('the same value always gets the same token, whatever the text around it', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    fc.assert(
      fc.property(fc.array(fc.tuple(ip, fc.constantFrom('peer ', 'host=', '(', 'dial tcp ', '"remoteAddress":"'), fc.constantFrom(':5432', ' ', ')', '"', '.')), { minLength: 1, maxLength: 12 }), (items) => {
        const texts = items.map(([addr, pre, post]) => `${pre}${addr}${post}`);
        const { out, a } = anon(texts);
        const map = new Map(a.mapping().ip);
        items.forEach(([addr, pre, post], i) => expect(out[i]).toBe(`${pre}${map.get(addr)}${post}`));
        expect(new Set(map.values()).size).toBe(new Set(items.map(([addr]) => addr)).size);
      }),
      { numRuns: 200 },
    );
  });
});

describe('anonymizeInput', () => {
  it('anonymises every text of the input but the reference links, and marks it anonymised', () => {
    const input: PostmortemInput = {
      bundle: { name: 'web-1.example.com-logs', tz: 'UTC', tzSource: 'default', bytes: 1, lines: 1, records: 1, stopped: null },
      findings: [],
      episodes: [],
      consequences: [],
      rootCauses: [
        {
          id: 1, rank: 1, cause: 'database-unavailable', confidence: 0.5, title: 'DB', summary: 'Refused by 10.0.0.9:5432.', reasoning: ['from web-1.example.com'],
          fix: 'f', references: ['https://www.postgresql.org/docs/current/runtime-config-connection.html'], findings: ['db-connection-refused'],
          evidence: [{ fileId: 1, line: 3, file: 'hosts/web-1.example.com/app.log', excerpt: 'ECONNREFUSED 10.0.0.9:5432 user=svc', ts: 1 }],
        },
      ],
      annotations: [{ id: 1, marker: 'note', text: 'web-1.example.com lost 10.0.0.9', ts: 1, tsEnd: null, filePath: null, line: null, ref: null, tsFromLine: false }],
      files: [],
      hosts: [],
      anonymized: false,
    };
    const { input: out } = anonymizeInput(input);
    expect(out.anonymized).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/web-1\.example\.com|10\.0\.0\.9|svc/);
    expect(out.bundle.name).toBe('host-1-logs');
    expect(out.rootCauses[0]!.evidence[0]!.file).toBe('hosts/host-1/app.log');
    expect(out.annotations[0]!.text).toBe('host-1 lost ip-1');
    expect(out.rootCauses[0]!.references).toEqual(input.rootCauses[0]!.references);
    expect(out.rootCauses[0]!.cause).toBe('database-unavailable');
  });

  it('a file named after a host reads the same in its path field and in prose', () => {
    const input: PostmortemInput = {
      bundle: { name: 'b', tz: 'UTC', tzSource: '', bytes: 0, lines: 0, records: 0, stopped: null },
      findings: [
        {
          id: 1, signature: 'log-silence-gap', severity: 'high', title: 'dumps/jstack-web-01-20261122.txt shows 40 blocked threads', summary: 'on web-01', first: 1, last: 1, count: 1, data: {},
          evidence: [{ fileId: 1, line: 1, file: 'dumps/jstack-web-01-20261122.txt', excerpt: '', ts: 1 }],
        },
      ],
      episodes: [],
      consequences: [],
      rootCauses: [],
      annotations: [],
      files: [],
      hosts: ['web-01'],
      anonymized: false,
    };
    const f = anonymizeInput(input).input.findings[0]!;
    expect(f.evidence[0]!.file).toBe('dumps/jstack-host-1-20261122.txt');
    expect(f.title).toBe('dumps/jstack-host-1-20261122.txt shows 40 blocked threads');
    expect(f.summary).toBe('on host-1');
  });
});
