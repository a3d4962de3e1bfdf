/**
 * Dumps that went through journald, syslog or a container runtime carry a prefix on every line
 * (`openstack_client_exporter[29818]: goroutine 1 [select, 59 minutes]:`). The first prefixed
 * goroutine header teaches us the prefix's shape; later lines with the same shape are stripped.
 */

export interface LinePrefix {
  /** Matches the prefix at the start of a line; digits and blank runs are generalised. */
  re: RegExp;
  /** `name[pid]:` tags name the process the dump came from. */
  command?: string;
  pid?: number;
}

/** Builds a prefix matcher from the text before a goroutine header, or null if it does not look like a log prefix. */
export function learnPrefix(prefix: string): LinePrefix | null {
  if (prefix.length === 0 || prefix.length > 160) return null;
  if (!/[:\]>|] $|\s$/.test(prefix) || prefix.trim() === '') return null;
  // A prefix is a log tag, not Go text: no parentheses, no tabs.
  if (/[()\t"'=]/.test(prefix)) return null;
  let src = '^';
  let i = 0;
  while (i < prefix.length) {
    const c = prefix[i]!;
    if (c >= '0' && c <= '9') {
      while (i < prefix.length && prefix[i]! >= '0' && prefix[i]! <= '9') i++;
      src += '\\d+';
    } else if (c === ' ') {
      while (i < prefix.length && prefix[i] === ' ') i++;
      src += ' +';
    } else {
      src += /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
      i++;
    }
  }
  const out: LinePrefix = { re: new RegExp(src) };
  const tag = /([\w.@/-]{1,64})\[(\d{1,10})\]: $/.exec(prefix);
  if (tag) {
    out.command = tag[1]!;
    out.pid = Number(tag[2]);
  }
  return out;
}

/** The line without the learned prefix (unchanged when it does not carry it). */
export function stripPrefix(p: LinePrefix | null, line: string): string {
  if (!p) return line;
  const m = p.re.exec(line);
  return m ? line.slice(m[0].length) : line;
}
