/**
 * Thread header lines of every dump style Rootline reads:
 *   HotSpot  `"main" #1 [5379] daemon prio=5 os_prio=31 cpu=1.2ms elapsed=3.4s allocated=44228K
 *            defined_classes=1953 tid=0x… nid=0x2803 waiting on condition  [0x…]` (JDK 5 → 25, HP-UX
 *            `tid=6000… nid=1194 lwp_id=…`, old `[0x…..0x…]` ranges, locale commas `cpu=5,37ms`)
 *   ThreadInfo `"name" Id=12 BLOCKED on java.lang.Object@1a2b owned by "T-1" Id=13`, `"name" id=3149 in RUNNABLE (running in native)`
 *   VisualVM `"http-nio-8080-exec-4" - Thread t@64`
 *   jcmd Thread.dump_to_file text `#21 "" virtual`
 * Fields are read with sticky regexes one token at a time, so a line costs O(length).
 */
import { parseLockTarget } from './lock-ref';
import { THREAD_STATES, type DumpFormat, type LockRef, type ThreadState } from './model';

export interface ThreadHeader {
  format: Exclude<DumpFormat, 'unknown'>;
  name: string;
  id?: number;
  osId?: number;
  daemon: boolean;
  prio?: number;
  osPrio?: number;
  tid?: string;
  nid?: string;
  cpuMs?: number;
  elapsedS?: number;
  allocatedBytes?: number;
  definedClasses?: number;
  virtual?: boolean;
  status?: string;
  /** ThreadInfo and jcmd styles print the state in the header. */
  state?: ThreadState;
  stateDetail?: string;
  /** ThreadInfo `BLOCKED on X@hash` / `WAITING on X@hash`. */
  stateLock?: LockRef;
  lockOwnerName?: string;
}

/** What may follow the closing quote of a thread name; used to find where the name ends. */
const AFTER_NAME = /\s+(?:#\d|\[\d+\]|daemon\b|prio=|os_prio=|tid=|nid=|lwp_id=|- Thread t@|[Ii]d=\d|cpu=|elapsed=|virtual\b)/y;

const WS = /\s+/y;
const T_ID = /#(\d+)/y;
const T_OSID = /\[(\d+)\]/y;
const T_DAEMON = /daemon\b/y;
const T_PRIO = /prio=(-?\d+)/y;
const T_OSPRIO = /os_prio=(-?\d+)/y;
const T_CPU = /cpu=(\d+(?:[.,]\d+)?)ms/y;
const T_ELAPSED = /elapsed=(\d+(?:[.,]\d+)?)s/y;
const T_ALLOC = /allocated=(\d+(?:[.,]\d+)?)([KMGT]?)B?(?=\s|$)/y;
const T_CLASSES = /defined_classes=(\d+)/y;
const T_TID = /tid=(\S+)/y;
const T_NID = /nid=(\S+)/y;
const T_LWP = /lwp_id=-?\d+/y;
const T_IDX = /idx=\S+/y;
const T_VVM = /- Thread t@(\d+)/y;
const T_VIRTUAL = /virtual\b/y;
const T_INFO_ID = /[Ii]d=(\d+)/y;
const T_INFO_STATE = /\s+(?:in\s+)?([A-Z_]+)\b/y;

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

function decimal(s: string): number {
  return Number(s.replace(',', '.'));
}

function isState(s: string): s is ThreadState {
  return (THREAD_STATES as readonly string[]).includes(s);
}

/** Index of the quote that closes the name in `"name" …`, or -1. */
function nameEnd(line: string): number {
  for (let q = line.indexOf('"', 1); q > 0; q = line.indexOf('"', q + 1)) {
    AFTER_NAME.lastIndex = q + 1;
    if (AFTER_NAME.test(line)) return q;
  }
  return -1;
}

/** ThreadInfo tail after the state: ` on X@hash owned by "Y" Id=13 (in native) (suspended)`. */
function readInfoTail(h: ThreadHeader, tail: string): void {
  const on = /^\s*on (\S+)/.exec(tail);
  if (on) {
    const lock = parseLockTarget(on[1]!);
    if (lock) h.stateLock = lock;
  }
  const from = tail.indexOf(' owned by "');
  const to = tail.search(/" [Ii]d=\d+\s*(?:\(|$)/);
  if (from >= 0 && to > from) h.lockOwnerName = tail.slice(from + ' owned by "'.length, to);
  const details: string[] = [];
  for (const m of tail.matchAll(/\(([^()]*)\)/g)) details.push(m[1]!);
  if (details.length) h.stateDetail = details.join(', ');
}

function parseJcmdHeader(line: string): ThreadHeader | null {
  const m = /^#(\d+) "/.exec(line);
  const close = line.lastIndexOf('"');
  if (!m || close < m[0].length) return null;
  const h: ThreadHeader = { format: 'jcmd-text', name: line.slice(m[0].length, close), id: Number(m[1]), daemon: false };
  for (const word of line.slice(close + 1).trim().split(/\s+/)) {
    if (word === 'virtual') h.virtual = true;
    else if (isState(word)) h.state = word;
  }
  return h;
}

/** Parse a thread header line, or return null if the line is not one. */
export function parseThreadHeader(line: string): ThreadHeader | null {
  if (line.startsWith('#')) return parseJcmdHeader(line);
  if (!line.startsWith('"')) return null;
  const q = nameEnd(line);
  if (q < 0) return null;
  const h: ThreadHeader = { format: 'hotspot', name: line.slice(1, q), daemon: false };
  let pos = q + 1;
  let tail = '';
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(line);
    if (m) pos = re.lastIndex;
    return m;
  };
  for (;;) {
    at(WS);
    if (pos >= line.length) break;
    let m: RegExpExecArray | null;
    if ((m = at(T_ID))) h.id = Number(m[1]);
    else if ((m = at(T_OSID))) h.osId = Number(m[1]);
    else if (at(T_DAEMON)) h.daemon = true;
    else if ((m = at(T_OSPRIO))) h.osPrio = Number(m[1]);
    else if ((m = at(T_PRIO))) h.prio = Number(m[1]);
    else if ((m = at(T_CPU))) h.cpuMs = decimal(m[1]!);
    else if ((m = at(T_ELAPSED))) h.elapsedS = decimal(m[1]!);
    else if ((m = at(T_ALLOC))) h.allocatedBytes = Math.round(decimal(m[1]!) * UNITS[m[2]!]!);
    else if ((m = at(T_CLASSES))) h.definedClasses = Number(m[1]);
    else if ((m = at(T_TID))) h.tid = m[1]!;
    else if ((m = at(T_NID))) h.nid = m[1]!;
    else if (at(T_LWP) || at(T_IDX)) continue;
    else if ((m = at(T_VVM))) {
      h.format = 'visualvm';
      h.id = Number(m[1]);
    } else if (at(T_VIRTUAL)) h.virtual = true;
    else if ((m = at(T_INFO_ID))) {
      h.id = Number(m[1]);
      const s = at(T_INFO_STATE);
      if (s && isState(s[1]!)) {
        h.format = 'threadinfo';
        h.state = s[1];
        readInfoTail(h, line.slice(pos));
        return h;
      }
    } else {
      tail = line.slice(pos);
      break;
    }
  }
  // HotSpot: what is left is the status and the stack address `[0x…]` / `[0x…..0x…]`.
  let status = tail.trimEnd();
  const open = status.endsWith(']') ? status.lastIndexOf('[') : -1;
  if (open >= 0) status = status.slice(0, open);
  status = status.trim();
  if (status) h.status = status;
  return h;
}
