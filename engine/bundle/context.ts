/**
 * State of one walk: the visitor, the caps and their running counts, refusals (one per path), the
 * things to tear down when the walk halts (cancelled, or a total cap tripped), and the temp directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { formatBytes, type ByteBudget } from './byte-caps';
import { BundleError } from './errors';
import { DEFAULT_LIMITS, type BundleKind, type EntryProblem, type RefusedEntry, type Visit, type WalkLimits, type WalkOptions, type WalkResult } from './types';

/** A member's bytes as its container yields them, and how much bundle storage they have used so far. */
export interface Opened {
  stream: Readable;
  physical: () => number;
  /** Resolves once the underlying file descriptor is closed (files on disk), so a walk ends with nothing open. */
  closed?: Promise<void>;
}

/** One file-like member of a directory or archive, before it is delivered or opened as a nested archive. */
export interface MemberSource {
  /** Safe path relative to the bundle root (nested archives joined with '!/'). */
  path: string;
  size: number | null;
  mtime: number | null;
  /** Archive levels above this member (the number of '!/' in its path). */
  depth: number;
  /** Force how the bytes are read; otherwise the name decides (`.gz`, `.zip`, `.tar`, `.tar.gz`, `.tgz`). */
  as?: 'gzip' | 'plain';
  /** Absolute path when the member is a file on disk (a zip there is opened in place, not spooled). */
  diskPath?: string;
  open(): Promise<Opened>;
}

export type MemberHandler = (ctx: WalkContext, m: MemberSource) => Promise<void>;

const SHOW_NOT_READ = 5;

export class WalkContext implements ByteBudget {
  readonly limits: WalkLimits;
  entries = 0;
  bytes = 0;
  /** Why the rest of the bundle is not read (a total cap), or null. */
  stopped: string | null = null;
  private total = 0;
  private examined = 0;
  /** path -> reason -> how many times (archives can repeat a name). */
  private readonly refusals = new Map<string, Map<string, number>>();
  private readonly problems = new Map<string, Map<string, number>>();
  private readonly deliveredPaths = new Set<string>();
  private readonly openedArchives = new Set<string>();
  private readonly notRead: string[] = [];
  private readonly cleanups = new Set<() => void>();
  private tmp: Promise<string> | null = null;
  private tmpSeq = 0;
  private readonly onAbort = () => this.runCleanups();

  constructor(
    readonly visit: Visit,
    readonly member: MemberHandler,
    private readonly opts: WalkOptions,
  ) {
    const given = Object.entries(opts.limits ?? {}).filter(([, v]) => typeof v === 'number' && v >= 0);
    this.limits = { ...DEFAULT_LIMITS, ...Object.fromEntries(given) };
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get aborted(): boolean {
    return this.opts.signal?.aborted === true;
  }

  get halted(): boolean {
    return this.aborted || this.stopped !== null;
  }

  throwIfAborted(): void {
    this.opts.signal?.throwIfAborted();
  }

  /** The error an entry in flight is destroyed with when the walk halts. */
  haltError(path: string): Error {
    if (this.aborted) {
      const r: unknown = this.opts.signal?.reason;
      return r instanceof Error ? r : new BundleError('limit', path, `${path}: walk cancelled`);
    }
    return new BundleError('limit', path, `${path}: not read: ${this.stopped ?? 'walk stopped'}`);
  }

  charge(bytes: number): boolean {
    this.total += bytes;
    return this.total <= this.limits.maxTotalBytes;
  }

  haltTotal(): void {
    this.halt(this.totalCapReason());
  }

  totalReason(produced: number): string {
    return `stopped after ${formatBytes(produced)}: ${this.totalCapReason()}`;
  }

  private totalCapReason(): string {
    return `the bundle passed the limit of ${formatBytes(this.limits.maxTotalBytes)} of uncompressed data`;
  }

  /** Stops reading (the rest is listed as not read); entries in flight are destroyed. */
  halt(reason: string): void {
    if (this.stopped !== null) return;
    this.stopped = reason;
    this.runCleanups();
  }

  /** Counts one examined entry; false (and the walk halts) past `maxEntries`. */
  countEntry(): boolean {
    if (++this.examined <= this.limits.maxEntries) return true;
    this.halt(`the bundle has more than ${this.limits.maxEntries} entries`);
    return false;
  }

  /** Registers a teardown run if the walk halts while it is registered; returns the unregister function. */
  onHalt(fn: () => void): () => void {
    this.cleanups.add(fn);
    return () => this.cleanups.delete(fn);
  }

  private runCleanups(): void {
    for (const fn of [...this.cleanups]) {
      try {
        fn();
      } catch {
        // teardown is best effort; the walk is ending anyway
      }
    }
  }

  /** Whether a path was already delivered or refused (archives may repeat names). */
  taken(path: string): boolean {
    return this.deliveredPaths.has(path) || this.refusals.has(path) || this.openedArchives.has(path);
  }

  /** A nested archive whose entries are being walked (its own path is not delivered). */
  markOpened(path: string): void {
    this.openedArchives.add(path);
  }

  markDelivered(path: string): void {
    this.deliveredPaths.add(path);
  }

  /**
   * Lists a path as refused — or, if an entry with that path was delivered, as a problem of that entry.
   * A second report for the same path is folded into the first.
   */
  refuse(path: string, reason: string): void {
    const map = this.deliveredPaths.has(path) ? this.problems : this.refusals;
    let reasons = map.get(path);
    if (!reasons) map.set(path, (reasons = new Map()));
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  /** Lists an entry (or the rest of an archive) that is not read because the walk stopped. */
  skip(path: string, what = 'not read'): void {
    this.notRead.push(path);
    this.refuse(path, `${what}: ${this.stopped ?? 'walk stopped'}`);
  }

  /** A fresh path in this walk's private temp directory (created on first use, removed by `dispose`). */
  async tempFile(suffix: string): Promise<string> {
    this.tmp ??= mkdtemp(join(this.opts.tempDir ?? tmpdir(), 'rootline-bundle-'));
    return join(await this.tmp, `spool-${++this.tmpSeq}${suffix}`);
  }

  async dispose(): Promise<void> {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    if (this.tmp) {
      const dir = await this.tmp.catch(() => null);
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  result(kind: BundleKind): WalkResult {
    const list = (m: Map<string, Map<string, number>>): (RefusedEntry & EntryProblem)[] =>
      [...m].map(([path, reasons]) => ({
        path,
        reason: [...reasons].map(([r, n]) => (n > 1 ? `${r} (${n} times)` : r)).join('; '),
      }));
    let stopped: string | null = null;
    if (this.stopped !== null) {
      const shown = this.notRead.slice(0, SHOW_NOT_READ).join(', ');
      const more = this.notRead.length - SHOW_NOT_READ;
      const list = this.notRead.length === 0 ? '' : `; not read: ${shown}${more > 0 ? ` and ${more} more` : ''} (listed as refused)`;
      stopped = `stopped after reading ${formatBytes(this.total)}: ${this.stopped}${list}`;
    }
    return { kind, refused: list(this.refusals), problems: list(this.problems), entries: this.entries, bytes: this.bytes, stopped };
  }
}
