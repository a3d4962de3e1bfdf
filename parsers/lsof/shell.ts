/**
 * Shell transcripts pasted around command output: prompts (`$ `, `# `, `> `, `user@host:~$ `,
 * `[root@h ~]# `, `➜  ~ `, `PS C:\> `), the command line, and the pipeline (`| grep X | wc -l`).
 * Shared by the lsof, ss/netstat and limits parsers.
 */

export interface ShellCommand {
  /** The command line without the prompt. */
  command: string;
  /** First word after `sudo`/`doas` and their options: `lsof`, `ss`, `netstat`, `ulimit`, `ls`, `cat` … */
  tool: string;
  /** Arguments of the first pipeline stage (after the tool). */
  args: string[];
  /** Grep patterns of later stages (`-v` ones prefixed with `!`). */
  filters: string[];
  /** The pipeline ends in `wc -l`: the next numeric line is a count. */
  counts: boolean;
  /** Whether a prompt was seen (a bare command line has none). */
  prompted: boolean;
}

/** Tools whose bare command line (no prompt) we recognise. */
const BARE_TOOLS = new Set(['lsof', 'ss', 'netstat', 'ulimit', 'prlimit', 'sudo', 'doas']);
const GREPS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'findstr', 'ag']);
/** After a bare `# `, only these count as commands: otherwise the line is a comment. */
const COMMON_COMMANDS = new Set([
  'lsof', 'ss', 'netstat', 'ls', 'cat', 'ulimit', 'prlimit', 'date', 'grep', 'egrep', 'ps', 'top', 'wc', 'echo', 'kill', 'jstack',
  'jmap', 'jcmd', 'head', 'tail', 'less', 'more', 'awk', 'sort', 'uniq', 'find', 'systemctl', 'journalctl', 'docker', 'kubectl',
  'curl', 'ip', 'ifconfig', 'sysctl', 'free', 'vmstat', 'iostat', 'dmesg', 'uptime', 'pidof', 'pgrep', 'cd', 'for', 'while', 'watch',
]);

/** Remove HTML that issue trackers left in pastes (`<p>`, `<br/>`, `&gt;`). */
export function stripHtmlArtifacts(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(/<\/?(?:p|br|code|pre)\s*\/?>/gi, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Length of a prompt at the start of `s` (already left-trimmed), or -1 when there is none. */
function promptLength(s: string): number {
  const c = s[0];
  if (c === undefined) return -1;
  if (c === '$' || c === '#' || c === '>' || c === '%' || c === '❯' || c === '→' || c === 'λ') {
    return s[1] === ' ' || s[1] === undefined ? 1 : -1;
  }
  if (c === '➜') {
    // oh-my-zsh: `➜  dir git:(branch) ✗ cmd` — arrow, the directory, optional git part
    const m = /^➜\s+\S+(?:\s+git:\([^)]{0,200}\))?(?:\s+✗)?/.exec(s);
    return m ? m[0].length : 1;
  }
  const win = /^[A-Za-z]:\\[^>]{0,200}>/.exec(s);
  if (win) return win[0].length;
  if (s.startsWith('PS ') && s.includes('>')) {
    const i = s.indexOf('>');
    return i < 300 ? i + 1 : -1;
  }
  if (c === '[') {
    // `[root@host dir]# ` / `[user@host ~]$ `
    const close = s.indexOf(']');
    const after = s[close + 1];
    if (close > 0 && close < 200 && (after === '$' || after === '#' || after === '%')) return close + 2;
    return -1;
  }
  // `user@host:~/dir$ `, `host:~ user$ `, `C:\Users\me>`: a word ending in a prompt character
  const sp = s.indexOf(' ');
  const word = sp < 0 ? s : s.slice(0, sp);
  if (word.length >= 2 && word.length <= 200) {
    const last = word[word.length - 1];
    if ((last === '$' || last === '#' || last === '%' || last === '>') && /[@:~\\/]/.test(word)) return word.length;
  }
  // `host:~ user$ cmd` (macOS bash): two words, the second ending in `$`
  const m2 = /^\S{1,100}:\S{0,100} \S{1,50}[$#] /.exec(s);
  if (m2) return m2[0].length - 1;
  return -1;
}

function unquote(t: string): string {
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
}

/** Split a stage into words, honouring simple quotes. */
function words(stage: string): string[] {
  const out: string[] = [];
  const re = /"[^"]*"|'[^']*'|\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(stage)) !== null) out.push(m[0]);
  return out;
}

function grepPattern(ws: string[]): string | null {
  let negate = false;
  let pattern: string | null = null;
  for (let i = 1; i < ws.length; i++) {
    const w = ws[i]!;
    if (w.startsWith('-') && pattern === null) {
      if (/^-[a-zA-Z]*v/.test(w)) negate = true;
      if (w === '-e' && ws[i + 1] !== undefined) {
        pattern = unquote(ws[++i]!);
      }
      continue;
    }
    if (pattern === null) pattern = unquote(w);
  }
  return pattern === null ? null : negate ? `!${pattern}` : pattern;
}

/**
 * Parse a line as a shell command, or return null. A line without a prompt counts only when it starts
 * with a tool we know followed by an option (`lsof -p 1`, `sudo ss -tp …`) so that table rows whose
 * command happens to be `lsof` are not mistaken for commands.
 */
export function parseShellLine(text: string): ShellCommand | null {
  const s = text.trimStart();
  if (s === '') return null;
  const p = promptLength(s);
  const rest = (p >= 0 ? s.slice(p) : s).trim();
  if (rest === '') return null;
  const stages = rest.split('|').map((x) => x.trim());
  const first = words(stages[0] ?? '');
  let i = 0;
  // sudo / doas / time / watch and their options
  while (i < first.length && /^(?:sudo|doas|time|nice|watch|command|exec)$/.test(first[i]!)) {
    i++;
    while (i < first.length && first[i]!.startsWith('-')) {
      // `sudo -u user`, `watch -n 1`
      if (/^-[unCgp]$/.test(first[i]!) && first[i + 1] !== undefined) i++;
      i++;
    }
  }
  const toolWord = first[i];
  if (toolWord === undefined) return null;
  const tool = toolWord.replace(/^.*\//, '');
  if (!/^[A-Za-z][\w.-]{0,40}$/.test(tool)) return null;
  const args = first.slice(i + 1);
  if (p === 1 && s[0] === '#' && !COMMON_COMMANDS.has(tool)) return null; // `# a comment`
  if (p < 0) {
    if (!BARE_TOOLS.has(first[0]!)) return null;
    if (first[0] !== 'sudo' && first[0] !== 'doas' && args.length > 0 && !args[0]!.startsWith('-')) {
      // `ss state established …` and `lsof /path` have no dash; accept only the state filter form
      if (!(tool === 'ss' && /^(?:state|dst|src|sport|dport|exclude)$/.test(args[0]!))) return null;
    }
  }
  const filters: string[] = [];
  for (const st of stages.slice(1)) {
    const ws = words(st);
    if (ws[0] && GREPS.has(ws[0])) {
      const pat = grepPattern(ws);
      if (pat !== null) filters.push(pat);
    }
  }
  const lastStage = words(stages[stages.length - 1] ?? '');
  const counts = stages.length > 1 && lastStage[0] === 'wc' && lastStage.includes('-l');
  return { command: rest, tool, args, filters, counts, prompted: p >= 0 };
}

/** `lsof -p 123`, `-p123`, `-p 1,2` (the first pid), `ls -l /proc/123/fd`, `cat /proc/123/limits` → 123. */
export function pidFromArgs(cmd: ShellCommand): number | undefined {
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    if (w === '-p' && a[i + 1] !== undefined) {
      const m = /^\^?(\d+)/.exec(a[i + 1]!);
      if (m) return Number(m[1]);
    }
    const m = /^-p(\d+)/.exec(w);
    if (m) return Number(m[1]);
    const proc = /\/proc\/(\d+)(?:\/|$)/.exec(w);
    if (proc) return Number(proc[1]);
    if (w === '--pid' && a[i + 1] !== undefined && /^\d+$/.test(a[i + 1]!)) return Number(a[i + 1]);
  }
  return undefined;
}

/** A line that is only a count (`wc -l` output, possibly indented as BSD wc prints it). */
export function countLine(text: string): number | null {
  const m = /^\s*(\d{1,12})\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}
