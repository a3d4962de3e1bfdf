/**
 * Host names named by a bundle's data. Anonymisation replaces what the data says is a host rather
 * than guessing at every word: `host=` / `hostname=` fields (capture headers, PostgreSQL logs),
 * JSON `"host"`/`"hostname"` (pino), URL authorities, socket peers and FQDN-looking tokens.
 */
import { isIP } from 'node:net';

/** Names that identify no machine: kept as they are. */
const NOT_A_HOST = new Set(['localhost', 'localhost.localdomain', 'local', '[local]', '*', '-', 'unknown', 'none', 'null']);

/** Top-level domains an FQDN-looking token must end in (common public ones and internal suffixes). */
const TLDS = new Set([
  'com', 'net', 'org', 'io', 'dev', 'app', 'cloud', 'edu', 'gov', 'mil', 'biz', 'info', 'ai', 'co',
  'internal', 'local', 'lan', 'corp', 'intra', 'intranet', 'home', 'localdomain', 'private', 'cluster',
  'us', 'uk', 'de', 'fr', 'nl', 'kr', 'jp', 'cn', 'ru', 'au', 'ca', 'br', 'eu', 'se', 'fi', 'dk', 'pl', 'es',
]);

/** First labels of reversed-domain package names (`com.zaxxer.hikari`, `io.netty.util.internal`): not hosts. */
const PACKAGE_ROOTS = new Set(['com', 'org', 'net', 'io', 'java', 'javax', 'jdk', 'sun', 'kotlin', 'kotlinx', 'scala', 'android', 'androidx', 'jakarta', 'reactor', 'akka']);

const HOST_CHARS = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** A name worth replacing: host-name characters, at least one letter, not an address, not a placeholder. */
export function isHostName(name: string): boolean {
  return HOST_CHARS.test(name) && /[A-Za-z]/.test(name) && !isIP(name) && !NOT_A_HOST.has(name.toLowerCase()) && name.length <= 253;
}

/** The host part of a socket peer or `host:port` (`db-1:5432`, `[fe80::1]:443`, `api.internal:https`). */
export function hostOfPeer(peer: string): string | null {
  const p = peer.trim().replace(/^\[([^\]]+)\](?::[\w-]+)?$/, '$1');
  if (isIP(p)) return null;
  const host = p.replace(/:[\w-]+$/, '');
  return isHostName(host) ? host : null;
}

const FIELD = /\bhost(?:name)?\s*=\s*"?([^\s",;()[\]{}'/]+)/gi;
const JSON_FIELD = /"host(?:name)?"\s*:\s*"([^"]+)"/gi;
const URL_AUTHORITY = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([^/:\s?#[\]]+)/gi;
const FQDN = /(?<![\w.-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?![\w-]|\.\w)/g;

/** A lower-case dotted token that reads as a host (ends in a TLD; not a package name; not an import path). */
function fqdnLike(token: string, next: string): boolean {
  const labels = token.split('.');
  if (labels.length < 2 || next === '/') return false; // `google.golang.org/grpc` is a module path
  return TLDS.has(labels.at(-1)!) && !PACKAGE_ROOTS.has(labels[0]!) && /[a-z]/.test(labels.slice(0, -1).join(''));
}

/** Host names a piece of text names. */
export function hostNamesIn(text: string): string[] {
  const found = new Set<string>();
  const add = (h: string | undefined) => {
    const name = h ? hostOfPeer(h.replace(/\.$/, '')) : null;
    if (name) found.add(name);
  };
  for (const m of text.matchAll(FIELD)) add(m[1]);
  for (const m of text.matchAll(JSON_FIELD)) add(m[1]);
  for (const m of text.matchAll(URL_AUTHORITY)) add(m[1]);
  for (const m of text.matchAll(FQDN)) {
    if (fqdnLike(m[1]!, text.charAt(m.index + m[0].length))) add(m[1]);
  }
  return [...found];
}
