/**
 * Anonymisation of a postmortem before it is rendered: host names, IPv4/IPv6 addresses, user ids and
 * e-mail addresses become tokens (`host-1`, `ip-1`, `user-1`, `email-1@example.invalid`); the same
 * value always maps to the same token within one document.
 *
 * Kept on purpose: versions (`17.0.15`: three parts are never an address), times, class and
 * package names (`com.zaxxer.hikari.pool.HikariPool`: not an FQDN, see hosts.ts), numbers that are
 * not ids (`?page=18`, durations, pids, ports), `localhost`, and the root causes' reference URLs
 * (public documentation, not incident data).
 *
 * Host names are those the data states (see hosts.ts), matched case-sensitively as whole tokens: the
 * host `vm` leaves `JVM`, `Server VM` and `vm-2` alone.
 *
 * File paths are anonymised like any other text: a host name, address or user name inside a path
 * (`hosts/web-1.prod.example.com/app.log`, `/home/alice/…`) becomes its token, the rest of the path
 * stays, so every `file:line` still tells which kind of file and where in it.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { hostNamesIn, isHostName } from './hosts';
import type { PostmortemInput } from './types';

export type TokenKind = 'host' | 'ip' | 'user' | 'email';

const EMAIL = String.raw`(?<email>(?<![\w.%+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?![\w-]|\.[A-Za-z0-9]))`;
// Candidates only: validated with node:net (a time such as 12:00:00 is a candidate, not an address).
const IPV6 = String.raw`(?<v6>(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d))`;
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`(?<v4>(?<![\w.])(?:${OCTET}\.){3}${OCTET}(?!\w|\.\d))`;
const USER_KEY = String.raw`(?:[Uu]ser|USER)(?:_?[Ii][Dd]|[Nn]ame|NAME)?|uid|UID|[Ll]ogin`;
const USER_FIELD = String.raw`(?<ukey>(?<![\w-])(?:${USER_KEY})(?:=|"\s*:\s*"?))(?<uval>[^\s"',;&()[\]{}<>]+)`;
const UUID = String.raw`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`;
const USER_PATH = String.raw`(?<upath>/(?:users?|accounts?|customers?|members?|profiles?|people)/)(?<pid>\d+|${UUID})(?=[/?#\s"'.,;:)\]]|$)`;
const HOME_DIR = String.raw`(?<home>/(?:home|Users)/)(?<hname>[A-Za-z0-9._-]+)(?=/)`;

const PLACEHOLDER = /^(-|null|none|unknown|anonymous|<masked>|\*+)$/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Anonymizer {
  private readonly hosts = new Set<string>();
  /** File names seen in path fields, so that prose naming the same file gets the same replacement. */
  private readonly paths = new Set<string>();
  private readonly tokens: Record<TokenKind, Map<string, string>> = { host: new Map(), ip: new Map(), user: new Map(), email: new Map() };
  private patterns: { strict: RegExp; loose: RegExp } | null = null;

  constructor(hosts: Iterable<string> = []) {
    this.addHosts(hosts);
  }

  addHosts(names: Iterable<string>): void {
    for (const n of names) {
      if (isHostName(n) && !this.hosts.has(n)) {
        this.hosts.add(n);
        this.patterns = null;
      }
    }
  }

  addPaths(paths: Iterable<string>): void {
    for (const p of paths) {
      if (p && !this.paths.has(p)) {
        this.paths.add(p);
        this.patterns = null;
      }
    }
  }

  /** Collects the host names a text names (see hosts.ts), so that every later mention is replaced. */
  learn(text: string): void {
    this.addHosts(hostNamesIn(text));
  }

  knownHosts(): string[] {
    return [...this.hosts];
  }

  /**
   * Replaces every address, id, e-mail and known host in `text`. A host is a whole token: in prose
   * `vm-2` is not the host `vm`; in a file name (`path: true`) `-`, `_` and `.` separate words, so
   * `jstack-web-01-20261122.txt` does name the host `web-01`.
   */
  apply(text: string, opts: { path?: boolean } = {}): string {
    const re = this.regex()[opts.path ? 'loose' : 'strict'];
    return text.replace(re, (match: string, ...args: unknown[]) => {
      const g = args.at(-1) as Record<string, string | undefined>;
      if (g.file) return this.apply(g.file, { path: true });
      if (g.email) return this.token('email', g.email.toLowerCase());
      if (g.v6) {
        if (!isIPv6(g.v6) || !/\d/.test(g.v6)) return match;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(g.v6)?.[1];
        return this.token('ip', mapped && isIPv4(mapped) ? mapped : canonicalV6(g.v6));
      }
      if (g.v4) return this.token('ip', g.v4);
      if (g.ukey && g.uval) return PLACEHOLDER.test(g.uval) ? match : g.ukey + this.token('user', g.uval);
      if (g.upath && g.pid) return g.upath + this.token('user', g.pid);
      if (g.home && g.hname) return g.home + this.token('user', g.hname);
      if (g.host) return this.token('host', g.host);
      return match;
    });
  }

  /** Original → token, per kind, in the order tokens were handed out. */
  mapping(): Record<TokenKind, [string, string][]> {
    return { host: [...this.tokens.host], ip: [...this.tokens.ip], user: [...this.tokens.user], email: [...this.tokens.email] };
  }

  private token(kind: TokenKind, key: string): string {
    const map = this.tokens[kind];
    let t = map.get(key);
    if (!t) {
      t = kind === 'email' ? `email-${map.size + 1}@example.invalid` : `${kind}-${map.size + 1}`;
      map.set(key, t);
    }
    return t;
  }

  private regex(): { strict: RegExp; loose: RegExp } {
    if (!this.patterns) {
      // Longest first, so `db.example.com` wins over `db`.
      const names = [...this.hosts].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRe).join('|');
      const base = `${EMAIL}|${IPV6}|${IPV4}|${USER_FIELD}|${USER_PATH}|${HOME_DIR}`;
      const loose = new RegExp(base + (names ? String.raw`|(?<host>(?<![A-Za-z0-9])(?:${names})(?![A-Za-z0-9]))` : ''), 'g');
      this.patterns = { strict: loose, loose };
      // Known file names that name a host are replaced whole, as in their path fields.
      const files = [...this.paths].filter((p) => this.apply(p, { path: true }) !== p).sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRe);
      const known = files.length ? String.raw`(?<file>(?<![\w./-])(?:${files.join('|')})(?![\w/-]|\.\w))|` : '';
      const strict = names ? String.raw`|(?<host>(?<![A-Za-z0-9_.-])(?:${names})(?![A-Za-z0-9_-]|\.[A-Za-z0-9]))` : '';
      this.patterns = { strict: new RegExp(known + base + strict, 'g'), loose };
    }
    return this.patterns;
  }
}

function canonicalV6(addr: string): string {
  try {
    return new URL(`http://[${addr}]/`).hostname.slice(1, -1);
  } catch {
    return addr.toLowerCase();
  }
}

/** Fields that hold the engine's own vocabulary or public links, never incident data. */
const KEEP = new Set(['references', 'cause', 'explainedBy', 'signature', 'kind', 'severity', 'marker', 'status', 'encoding', 'timeQuality']);
/** Fields that hold file names (paths, the bundle's name). */
const PATHS = new Set(['file', 'path', 'filePath', 'name']);

function eachString(value: unknown, fn: (s: string, key: string) => void, key = ''): void {
  if (typeof value === 'string') fn(value, key);
  else if (Array.isArray(value)) for (const v of value) eachString(v, fn, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!KEEP.has(k)) eachString(v, fn, k);
}

function mapStrings<T>(value: T, fn: (s: string, key: string) => string, key = ''): T {
  if (typeof value === 'string') return fn(value, key) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, KEEP.has(k) ? v : mapStrings(v, fn, k)])) as T;
  }
  return value;
}

/**
 * The input with every host name, address, user id and e-mail replaced. Host names come from
 * `input.hosts` (what the store knows) and from what the texts themselves name.
 */
export function anonymizeInput(input: PostmortemInput, anonymizer = new Anonymizer(input.hosts)): { input: PostmortemInput; anonymizer: Anonymizer } {
  eachString(input, (s, key) => {
    anonymizer.learn(s);
    if (PATHS.has(key)) anonymizer.addPaths([s]);
  });
  const out = mapStrings(input, (s, key) => anonymizer.apply(s, { path: PATHS.has(key) }));
  return { input: { ...out, anonymized: true }, anonymizer };
}
