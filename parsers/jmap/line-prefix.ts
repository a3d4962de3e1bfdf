/**
 * What surrounds a histogram table in real files: Cloud Foundry log-router prefixes on every line
 * (`2017-11-27T16:25:39.58-0800 [APP/PROC/WEB/0] OUT | 282766 | …`), shell prompts with the jmap /
 * jcmd command, the pid line jcmd prints (`16158:`), and SA chatter (`Attaching to process ID …`).
 */

/** Cloud Foundry `cf logs` prefix: stamp, `[SOURCE/…]`, stream. */
const CF_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))\s+\[[^\]\s]{1,100}\]\s+(?:OUT|ERR)(?: |$)/;

export interface StrippedLine {
  /** The line without the log-router prefix (indentation kept). */
  body: string;
  /** The prefix's time stamp, when there was one. */
  stamp?: string;
}

export function stripLogPrefix(text: string): StrippedLine {
  const t = text.trimStart();
  if (t.length === 0 || t.charCodeAt(0) < 48 || t.charCodeAt(0) > 57) return { body: text };
  const m = CF_PREFIX.exec(t);
  return m ? { body: t.slice(m[0].length), stamp: m[1] } : { body: text };
}

export interface PreambleInfo {
  pid?: number;
  command?: string;
}

/** Pid and command from the lines above a table, or null when the line says nothing about them. */
export function preambleInfo(text: string): PreambleInfo | null {
  const t = text.trim();
  const pidLine = /^(\d{1,10}):$/.exec(t);
  if (pidLine) return { pid: Number(pidLine[1]) };
  const attach = /^Attaching to process ID (\d{1,10})/.exec(t);
  if (attach) return { pid: Number(attach[1]) };
  const tokens = t.split(/\s+/);
  const i = tokens.findIndex((w) => /(?:^|\/)j(?:map|cmd)$/.test(w));
  if (i < 0) return null;
  const args = tokens.slice(i + 1);
  const pid = args.find((w) => /^\d{1,10}$/.test(w));
  const out: PreambleInfo = { command: [tokens[i]!.replace(/^.*\//, ''), ...args].join(' ') };
  if (pid) out.pid = Number(pid);
  return out;
}

/** Lines the SA / jmap print after a table. */
export function isTableEpilogue(text: string): boolean {
  return /^\s*Heap traversal took\b/.test(text);
}
