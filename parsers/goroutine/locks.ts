/**
 * Goroutines queued on one sync.Mutex / sync.RWMutex, and the goroutine holding it. Go records no
 * owner for a mutex, so the holder is found the way one reads a dump by hand: the goroutine whose
 * frames carry the lock's address (or the receiver the waiters locked it through) and that is not
 * itself waiting for it.
 *
 * What the runtime prints (Go 1.19 … 1.24, from runtime/sync sources; checked on real 1.19 and 1.22
 * dumps, __fixtures__/lock-waits/ and its go122/):
 * - a Mutex waiter: `sync.runtime_SemacquireMutex(0x…?, …)` / `sync.(*Mutex).lockSlow(0xc000066640)` /
 *   `sync.(*Mutex).Lock(...)` (inlined), then the caller, e.g. `main.(*rateCache).rate(0xc000066640, …)`.
 *   Since 1.24 the slow path is `internal/sync.(*Mutex).lockSlow`. lockSlow's receiver is the mutex.
 * - an RWMutex reader: `sync.runtime_SemacquireRWMutexR` (1.20+; `SemacquireMutex` before) and the
 *   inlined `sync.(*RWMutex).RLock(...)`: no address but the caller's receiver. A writer:
 *   `sync.(*RWMutex).Lock(0xc…)`, waiting on its inner Mutex (lockSlow, same address) or on its
 *   writer semaphore.
 * - the wait reason: `semacquire` up to 1.19; `sync.Mutex.Lock`, `sync.RWMutex.RLock`,
 *   `sync.RWMutex.Lock` since 1.20.
 * - arguments printed with `?` (register ABI, 1.18+) may be stale: they never identify a lock. Which are
 *   clean varies by build: 1.19 printed the RLock waiters' receiver `0xc…?` and the writer's
 *   `(*RWMutex).Lock(0xc…)`, 1.22 the reverse (`get(0xc000074090, …)`, `(*RWMutex).Lock(0x0?)`).
 * - a SIGQUIT trace (GOTRACEBACK=all, or 1.22's crash level) adds `runtime.gopark` and
 *   `runtime.semacquire1` above the sema frame, and 1.22 a `main.main.gowrapN` frame under the caller.
 * A pprof debug=1 profile prints no arguments: its waiters are keyed by the code that takes the lock
 * (the caller's function and line), and its holder is found by code path only.
 */
import type { AggregatedStack, GoFrame, Goroutine, GoroutineDump } from './model';
import { inferState } from './state';
import { isRuntimeFrame, isStdFrame } from './stdlib';

export type LockKind = 'Mutex' | 'RWMutex.Lock' | 'RWMutex.RLock';

/** What the holder is doing while it holds the lock. */
export type HolderActivity = 'network-io' | 'http-call' | 'sleep' | 'syscall' | 'running' | 'lock' | 'channel' | 'other';

export interface LockHolder {
  /** Goroutine id; null for a debug=1 group. */
  id: number | null;
  state: string;
  /** How it was found: a frame argument equal to the lock's address, the waiters' receiver, or only the code path. */
  matchedBy: 'address' | 'receiver' | 'code-path';
  activity: HolderActivity;
  /** The frame that says what it does (`net/http.(*persistConn).roundTrip`, `time.Sleep`, `syscall.Syscall`), as `func file:line`. */
  doing: string;
  doingLine: number;
  /** Its first own-code frame (the code holding the lock), as `func file:line`. */
  code: string;
  codeLine: number;
  /** Line of its `goroutine N [state]:` header (or debug=1 count line). */
  line: number;
  /** When the holder is itself queued on another lock: that lock's key (a chain or a cycle). */
  waitsOn?: string;
}

export interface ContendedLock {
  /** The lock's identity in this dump: its address, else the waiters' receiver, else the locking code. */
  key: string;
  kind: LockKind;
  address: string | null;
  waiters: number;
  /** The code that takes the lock: the waiters' caller of Lock, as `func file:line`. */
  site: string;
  /** The dump line of the first waiter's Lock frame (`sync.(*Mutex).Lock(...)`). */
  lockLine: number;
  /** The dump line of the first waiter's caller frame (the site). */
  siteLine: number;
  /** The first waiter's header line. */
  line: number;
  /** Longest wait the runtime printed, minutes (0: under a minute). */
  waitMaxMinutes: number;
  holder: LockHolder | null;
  /**
   * Other goroutines that also carry the lock's address and are queued on no lock (RLock holders,
   * candidates). Queued ones are not counted: Go 1.22 prints the receivers of RLock waiters clean, and a
   * `transfer(a, b)` queued on a carries b as an argument; neither holds anything.
   */
  otherHolders: number;
  /** The holder waits, through holders of other locks, for this lock again: a deadlock, not contention. */
  cycle?: boolean;
}

/** `sync.(*Mutex).Lock`, `internal/sync.(*Mutex).lockSlow`, `sync.(*RWMutex).RLock`, … */
const LOCK_FRAME = /^(?:internal\/)?sync\.\(\*(RW)?Mutex\)\.(Lock|lockSlow|RLock)$/;
const SEMA_FRAME = /^(?:internal\/)?sync\.runtime_Semacquire|^runtime\.semacquire|^sync\.runtime_notifyListWait/;
/** The states a goroutine queued on a sync lock is printed in. */
const LOCK_WAIT_STATE = /^(semacquire|sync\.(?:RW)?Mutex\.R?Lock)$/;
/** A clean address argument: hex, not marked `?` as possibly stale. */
const ADDR = /^0x[0-9a-f]{6,16}$/;

interface Waiter {
  g: { id: number | null; state: string; line: number; waitMinutes: number; count: number; frames: GoFrame[] };
  kind: LockKind;
  address: string | null;
  lockIdx: number;
  siteIdx: number;
  frameLine: (i: number) => number;
}

const loc = (f: GoFrame) => `${f.func} ${f.file}:${f.lineNo}`;

function args(f: GoFrame): string[] {
  return (f.args ?? '').split(',').map((a) => a.trim()).filter(Boolean);
}

function firstCleanArg(f: GoFrame | undefined): string | null {
  const a = f ? args(f)[0] : undefined;
  return a && ADDR.test(a) ? a : null;
}

/** The lock a goroutine is queued on, when it is queued on one. */
function waiterOf(frames: GoFrame[]): Omit<Waiter, 'g' | 'frameLine'> | null {
  let i = 0;
  while (i < frames.length && (isRuntimeFrame(frames[i]!) || SEMA_FRAME.test(frames[i]!.func))) i++;
  const first = i;
  let kind: LockKind | null = null;
  let address: string | null = null;
  while (i < frames.length && LOCK_FRAME.test(frames[i]!.func)) {
    const m = LOCK_FRAME.exec(frames[i]!.func)!;
    if (m[1]) kind = m[2] === 'RLock' ? 'RWMutex.RLock' : 'RWMutex.Lock';
    else kind ??= 'Mutex';
    address = firstCleanArg(frames[i]) ?? address;
    i++;
  }
  if (!kind || i === first || i >= frames.length) return null;
  // A writer's inner Mutex has the RWMutex's address (it is the first field): one lock either way.
  return { kind, address, lockIdx: i - 1, siteIdx: i };
}

function activityOf(state: string, frames: GoFrame[]): { activity: HolderActivity; frame: number } {
  const idx = (re: RegExp) => frames.findIndex((f) => re.test(f.func));
  const http = idx(/^net\/http\.\((?:\*persistConn|\*Transport|\*Client)\)\.|^net\/http\.send$/);
  if (http >= 0) return { activity: 'http-call', frame: http };
  if (state === 'sleep' || idx(/^time\.Sleep$/) >= 0) return { activity: 'sleep', frame: Math.max(0, idx(/^time\.Sleep$/)) };
  if (state === 'syscall') return { activity: 'syscall', frame: Math.max(0, frames.findIndex((f) => !isRuntimeFrame(f))) };
  if (state === 'IO wait') return { activity: 'network-io', frame: Math.max(0, frames.findIndex((f) => !isRuntimeFrame(f) && !f.func.startsWith('internal/poll.'))) };
  if (state === 'running' || state === 'runnable') return { activity: 'running', frame: 0 };
  if (LOCK_WAIT_STATE.test(state)) return { activity: 'lock', frame: Math.max(0, frames.findIndex((f) => LOCK_FRAME.test(f.func))) };
  if (/^(chan send|chan receive|select)/.test(state)) return { activity: 'channel', frame: Math.max(0, frames.findIndex((f) => !isRuntimeFrame(f))) };
  return { activity: 'other', frame: Math.max(0, frames.findIndex((f) => !isRuntimeFrame(f))) };
}

function carries(frames: readonly GoFrame[], values: readonly string[]): boolean {
  return frames.some((f) => args(f).some((a) => values.includes(a)));
}

/** Stacks of the dump in one shape: debug=2 goroutines (2 lines per frame) or debug=1 groups (1 line per frame). */
function stacks(d: GoroutineDump): { g: Waiter['g']; frameLine: (i: number) => number }[] {
  if (d.goroutines.length) {
    return d.goroutines.map((g: Goroutine) => ({
      g: { id: g.id, state: g.state, line: g.line, waitMinutes: g.waitMinutes ?? 0, count: 1, frames: g.frames },
      frameLine: (i: number) => g.line + 1 + 2 * i,
    }));
  }
  return d.aggregated.map((a: AggregatedStack) => ({
    g: { id: null, state: '', line: a.line, waitMinutes: 0, count: a.count, frames: a.frames },
    frameLine: (i: number) => a.line + 1 + (a.labels ? 1 : 0) + i,
  }));
}

/** Locks with at least `min` goroutines queued on them, and every lock of a wait-for cycle; most waiters first. */
export function contendedLocks(d: GoroutineDump, min = 2): ContendedLock[] {
  const all = stacks(d);
  const waiters: Waiter[] = [];
  for (const s of all) {
    // debug=1 prints no state: the Lock frames say it is queued. debug=2 must also print a lock wait
    // (a goroutine `runnable` in lockSlow has just been handed the lock).
    if (s.g.id !== null && !LOCK_WAIT_STATE.test(s.g.state)) continue;
    const w = waiterOf(s.g.frames);
    if (w) waiters.push({ ...w, g: s.g, frameLine: s.frameLine });
  }
  const byKey = new Map<string, Waiter[]>();
  for (const w of waiters) {
    const key = w.address ?? `site:${loc(w.g.frames[w.siteIdx]!)}`;
    const list = byKey.get(key);
    if (list) list.push(w);
    else byKey.set(key, [w]);
  }
  const keyOf = new Map<Waiter['g'], string>();
  for (const [k, ws] of byKey) for (const w of ws) keyOf.set(w.g, k);
  const locks = new Map<string, ContendedLock>();
  for (const [key, ws] of byKey) locks.set(key, describe(key, ws, all, keyOf));
  const cyclic = (start: string): boolean => {
    const seen = new Set<string>();
    for (let k: string | undefined = start; k !== undefined; k = locks.get(k)?.holder?.waitsOn) {
      if (seen.has(k)) return true;
      seen.add(k);
    }
    return false;
  };
  // A lock in a wait-for cycle is kept whatever its queue: one waiter on each side is a deadlock.
  return [...locks.values()]
    .map((l) => (cyclic(l.key) ? { ...l, cycle: true } : l))
    .filter((l) => l.waiters >= min || l.cycle)
    .sort((a, b) => b.waiters - a.waiters);
}

/** The waiters' receivers: printed clean, or possibly stale (`0xc…?`) but the same for every waiter. */
function receivers(ws: readonly Waiter[]): string[] {
  const raw = ws.map((w) => args(w.g.frames[w.siteIdx]!)[0] ?? '');
  const clean = raw.filter((a) => ADDR.test(a));
  if (clean.length) return [...new Set(clean)];
  const stale = [...new Set(raw.map((a) => a.replace(/\?$/, '')))];
  return stale.length === 1 && ADDR.test(stale[0]!) && !/^0x0+$/.test(stale[0]!) ? stale : [];
}

/**
 * The waiter that stands for the lock: one queued where most of them are. One lock is often taken in
 * several places (a real Go 1.22 dump: 5 transfers queued at `from.mu.Lock()`, 1 at `to.mu.Lock()`);
 * dump order alone would name whichever the runtime listed first.
 */
function representative(ws: readonly Waiter[]): Waiter {
  const siteOf = (w: Waiter) => loc(w.g.frames[w.siteIdx]!);
  const tally = new Map<string, number>();
  for (const w of ws) tally.set(siteOf(w), (tally.get(siteOf(w)) ?? 0) + w.g.count);
  const most = Math.max(...tally.values());
  return ws.find((w) => tally.get(siteOf(w)) === most)!;
}

function describe(key: string, ws: Waiter[], all: ReturnType<typeof stacks>, keyOf: Map<Waiter['g'], string>): ContendedLock {
  const w0 = representative(ws);
  const site = w0.g.frames[w0.siteIdx]!;
  const addrs = w0.address ? [w0.address] : [];
  const values = [...addrs, ...receivers(ws)];
  const others = all.filter((s) => keyOf.get(s.g) !== key);
  let found = values.length ? others.filter((s) => carries(s.g.frames, values)) : [];
  const byValue = found.length > 0;
  // A lock nobody's frames name (a package-level mutex, a debug=1 profile): the goroutine inside the
  // locking function past its Lock call holds it.
  if (!byValue) found = others.filter((s) => s.g.frames.some((f) => f.func === site.func && f.file === site.file && f.lineNo !== site.lineNo));
  // Of several: one not queued on any lock, then one in the locking code path (it got past Lock).
  const rank = (s: (typeof found)[number]) => (keyOf.has(s.g) ? 2 : 0) + (s.g.frames.some((f) => f.func === site.func) ? 0 : 1);
  const best = [...found].sort((a, b) => rank(a) - rank(b))[0];
  let holder: LockHolder | null = null;
  if (best) {
    const fr = best.g.frames;
    // debug=1 prints no state: the top frames tell it (netpoll, semaphore, sleep, syscall).
    const state = best.g.state || inferState(fr);
    const act = activityOf(state, fr);
    const ownIdx = Math.max(0, fr.findIndex((f) => !isStdFrame(f) && !isRuntimeFrame(f) && f.pkg !== ''));
    const doing = fr[act.frame] ?? fr[0];
    holder = {
      id: best.g.id, state, activity: act.activity,
      matchedBy: !byValue ? 'code-path' : addrs.length && carries(fr, addrs) ? 'address' : 'receiver',
      doing: doing ? loc(doing) : '?', doingLine: best.frameLine(act.frame),
      code: fr[ownIdx] ? loc(fr[ownIdx]) : '?', codeLine: best.frameLine(ownIdx), line: best.g.line,
      ...(keyOf.has(best.g) ? { waitsOn: keyOf.get(best.g)! } : {}),
    };
  }
  return {
    key, kind: w0.kind, address: w0.address, waiters: ws.reduce((n, w) => n + w.g.count, 0), site: loc(site),
    lockLine: w0.frameLine(w0.lockIdx), siteLine: w0.frameLine(w0.siteIdx), line: w0.g.line,
    waitMaxMinutes: Math.max(...ws.map((w) => w.g.waitMinutes)), holder, otherHolders: found.filter((s) => s !== best && !keyOf.has(s.g)).length,
  };
}
