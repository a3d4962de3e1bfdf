/**
 * Accumulates one thread's lines into a `JavaThread`; `finish()` settles what needs the whole
 * block (which monitor `Object.wait()` released, a state for dumps that print none).
 */
import { parseFrame } from './frame';
import type { FrameLock, JavaThread, LockRef, ThreadState } from './model';
import type { ThreadHeader } from './thread-header';
import type { StateLine } from './thread-lines';

/** Header status words → state, for JDK 5 / HP-UX dumps that print no `java.lang.Thread.State` line. */
function inferState(status: string, topClass: string | undefined, topMethod: string | undefined): ThreadState | null {
  const s = status.toLowerCase();
  if (s.startsWith('runnable')) return 'RUNNABLE';
  if (s.startsWith('waiting for monitor entry')) return 'BLOCKED';
  if (s.startsWith('sleeping')) return 'TIMED_WAITING';
  if (s.startsWith('in object.wait()')) return 'WAITING';
  if (s.startsWith('waiting on condition')) {
    return topClass === 'java.lang.Thread' && topMethod === 'sleep' ? 'TIMED_WAITING' : 'WAITING';
  }
  return null;
}

export class ThreadBuilder {
  readonly t: JavaThread;
  private held: LockRef[] = [];
  private relock: LockRef | undefined;
  private stateLock: LockRef | undefined;
  /** ThreadInfo prints lock lines above the first frame; they belong to it. */
  private orphanLocks: FrameLock[] = [];

  constructor(line: number, header?: ThreadHeader) {
    this.t = { name: '', daemon: false, state: null, frames: [], locksHeld: [], ownableSynchronizers: [], line, endLine: line };
    if (!header) {
      this.t.headerMissing = true;
      return;
    }
    const { format: _f, stateLock, state, ...fields } = header;
    Object.assign(this.t, fields);
    if (state) this.t.state = state;
    this.stateLock = stateLock;
  }

  get name(): string {
    return this.t.name;
  }

  touch(line: number): void {
    this.t.endLine = line;
  }

  setState(s: StateLine): void {
    this.t.state = s.state;
    if (s.detail !== undefined) this.t.stateDetail = s.detail;
    if (s.lock) this.stateLock = s.lock;
    if (s.ownerName) this.t.lockOwnerName = s.ownerName;
  }

  addFrame(text: string): void {
    const f = parseFrame(text);
    if (this.orphanLocks.length && this.t.frames.length === 0) {
      f.locks = this.orphanLocks;
      this.orphanLocks = [];
    }
    this.t.frames.push(f);
  }

  addLock(fl: FrameLock): void {
    const last = this.t.frames[this.t.frames.length - 1];
    if (last) (last.locks ??= []).push(fl);
    else this.orphanLocks.push(fl);
    const l = fl.lock;
    if (!l) return;
    switch (fl.kind) {
      case 'locked':
        this.held.push(l);
        break;
      case 'waiting to lock':
      case 'blocked on':
        this.t.waitingToLock ??= l;
        break;
      case 'waiting on':
        this.t.waitingOn ??= l;
        break;
      case 'parking to wait for':
        this.t.parkingFor ??= l;
        break;
      case 'waiting to re-lock':
        this.relock ??= l;
        break;
      case 'eliminated':
        break;
    }
  }

  addOwnable(l: LockRef): void {
    if (!this.t.ownableSynchronizers.some((o) => o.id === l.id)) this.t.ownableSynchronizers.push(l);
  }

  finish(): JavaThread {
    const t = this.t;
    const top = t.frames[0];
    if (t.state === null && !t.carrying && t.status && t.frames.length > 0) {
      const s = inferState(t.status, top?.className, top?.method);
      if (s) {
        t.state = s;
        t.stateInferred = true;
      }
    }
    const inWait = top?.className === 'java.lang.Object' && (top.method === 'wait' || top.method === 'wait0');
    // `waiting to re-lock in wait()`: notified and re-entering (BLOCKED), or JDK 11's misprint of a plain wait.
    if (this.relock) {
      if (t.state === 'BLOCKED') t.waitingToLock ??= this.relock;
      else t.waitingOn ??= this.relock;
    }
    if (this.stateLock) {
      if (t.state === 'BLOCKED') t.waitingToLock ??= this.stateLock;
      else if (inWait) t.waitingOn ??= this.stateLock;
      else if (t.state === 'WAITING' || t.state === 'TIMED_WAITING') t.parkingFor ??= this.stateLock;
    }
    // JDK 5 prints no `waiting on` line: wait() is called inside synchronized on the object it
    // waits on, so the innermost `- locked` is the monitor wait() released.
    if (inWait && !t.waitingOn && this.held[0]) t.waitingOn = this.held[0];
    // A monitor released by Object.wait() is still printed as `- locked`; it is not held.
    const seen = new Set<string>();
    for (const l of this.held) {
      if (seen.has(l.id) || l.id === t.waitingOn?.id || l.id === t.waitingToLock?.id) continue;
      seen.add(l.id);
      t.locksHeld.push(l);
    }
    return t;
  }
}
