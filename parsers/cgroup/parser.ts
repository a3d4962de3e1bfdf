/**
 * cgroup CPU accounting: what a collector captures of a container's CPU limit and its throttling,
 * v1 (`cpu.cfs_quota_us`, `cpu.cfs_period_us`, `cpu.stat`, `cpuacct.usage`) and v2 (`cpu.max`,
 * `cpu.stat`, `cpu.pressure`). `nr_throttled` climbing with `nr_periods` under a tiny quota is the
 * "the host starved the process" half of a timeout story.
 *
 * Input shapes: `head -n N file…` (a `==> path <==` line before each file), a bare `cat` of one file
 * (the file is told by the collector's command, by the bundle file's name, or by cpu.stat's own keys),
 * and collector loops appending `date; cat …` or the same `head` again to one file.
 *
 * Snapshots: each capture header (`# captured <ISO> host=… pid=… cmd=…`, `date` output) starts one; so
 * does a shell command line, and, in a loop without dates, a value of a file that the snapshot has
 * already read (a new untimed capture). Values of a second cgroup in one capture (the same fact name
 * from another path) go to a snapshot of their own with the same time, so a snapshot never holds two
 * values of one name. Facts are held until the snapshot ends: `cpu.quota_cores` needs both the quota
 * and the period, which `head` may print in either order.
 */
import { parseShellLine, stripHtmlArtifacts } from '../lsof/shell';
import { parseCaptureHeader, type CaptureHeader } from '../snapshot/header';
import type { LineSink, ParseContext, ParserModule, SnapshotMeta } from '../types';
import {
  baseName, convert, fileNamedIn, filesOfCommand, fileSpec, isToolError, parseBareValue, parseKeyValue, parsePressure, parseQuotaPeriod,
  parseSectionHeader, STAT_KEYS, STAT_LOCAL_KEYS, type FileSpec,
} from './files';
import type { CgroupFact, CgroupOutput, CgroupRecord, CgroupVersion } from './model';
import { sniffCgroupCpu } from './sniff';

/** The file the next value lines belong to. */
interface Section {
  source: string;
  spec: FileSpec | null;
  /** Its `==> … <==` line, or the first line read as part of it. */
  line: number;
  offset: number;
  /** Opened by a `==> … <==` line (at `line`). */
  separator: boolean;
  /** Guessed from cpu.stat keys: lasts while key/value lines follow. */
  inferred: boolean;
  values: number;
}

interface Held {
  fact: CgroupFact;
  /** Line of the section the fact came from: where its `cgroup.file` fact points. */
  sectionLine: number;
}

interface Snap {
  meta: SnapshotMeta;
  held: Held[];
}

/** What the collector's command or the bundle file's name says the bare lines are. */
interface Named {
  source: string;
  spec: FileSpec | null;
}

const MAX = 'max';
/** Files the kernel prints as exactly one line. */
const ONE_LINE = new Set(['single', 'max']);

type CommandFiles = NonNullable<ReturnType<typeof filesOfCommand>>;

class CgroupSink implements LineSink {
  private snap: Snap | null = null;
  private section: Section | null = null;
  private named: Named | null;
  /** The last command read several files without `==>` lines: a value alone cannot be placed. */
  private several = false;
  /** `cat` of several one-line files (`cpu.cfs_period_us cpu.cfs_quota_us`): their lines, in argument order. */
  private queue: string[] = [];
  private readonly fileHint: Named | null;

  constructor(
    private readonly ctx: ParseContext,
    private readonly emit: (r: CgroupOutput) => void,
  ) {
    const spec = fileNamedIn(ctx.fileName);
    this.fileHint = spec ? { source: ctx.fileName, spec } : null;
    this.named = this.fileHint;
  }

  line(raw: string, lineNo: number, offset: number): void {
    try {
      this.handle(stripHtmlArtifacts(raw.slice(0, 4096)), lineNo, offset);
    } catch (e) {
      this.skip(lineNo, offset, `cgroup parser error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  end(): void {
    this.closeSection();
    this.flush();
  }

  private skip(line: number, offset: number, reason: string): void {
    this.emit({ type: 'skipped', line, offset, reason });
  }

  private handle(text: string, lineNo: number, offset: number): void {
    const t = text.trim();
    if (t === '') {
      this.skip(lineNo, offset, 'blank line');
      return;
    }
    const path = parseSectionHeader(t);
    if (path !== null) {
      this.openSeparator(path, lineNo, offset);
      return;
    }
    const hdr = /^(?:#|[A-Za-z]|\d{4}-\d{2}-\d{2})/.test(t) ? parseCaptureHeader(this.ctx.time, t) : null;
    if (hdr) {
      this.capture(hdr, lineNo);
      return;
    }
    const cmd = parseShellLine(t);
    if (cmd) {
      const reads = filesOfCommand(cmd.command);
      if (reads) {
        this.command(cmd.command, lineNo, reads);
        this.skip(lineNo, offset, 'shell command');
      } else {
        this.skip(lineNo, offset, cmd.prompted ? 'shell prompt (other command)' : 'shell command (other tool)');
      }
      return;
    }
    if (t.startsWith('#')) {
      this.skip(lineNo, offset, 'comment line');
      return;
    }
    if (isToolError(t)) {
      this.queue = this.queue.filter((f) => !t.includes(f)); // that file printed nothing
      this.skip(lineNo, offset, `tool error: ${t.slice(0, 200)}`);
      return;
    }
    this.value(t, lineNo, offset);
  }

  // ── boundaries ──────────────────────────────────────────────────────────────────────────────────

  private capture(h: CaptureHeader, lineNo: number): void {
    this.closeSection();
    this.flush();
    const meta: SnapshotMeta = { type: 'snapshot', capturedAt: h.ts, timeSource: 'header', tq: h.tq, line: lineNo };
    if (h.host !== undefined) meta.host = h.host;
    if (h.pid !== undefined) meta.pid = h.pid;
    if (h.command !== undefined) meta.command = h.command;
    this.snap = { meta, held: [] };
    const reads = h.command !== undefined ? filesOfCommand(h.command) : null;
    this.useCommandFiles(reads);
  }

  private command(command: string, lineNo: number, reads: CommandFiles): void {
    this.closeSection();
    if (this.snap && this.snap.held.length > 0) this.flush();
    if (!this.snap) this.snap = { meta: { type: 'snapshot', capturedAt: null, timeSource: null, line: lineNo }, held: [] };
    if (this.snap.meta.command === undefined) this.snap.meta.command = command;
    this.useCommandFiles(reads);
  }

  /**
   * One file named: bare lines are that file. Several: `==>` lines or cpu.stat keys tell, or, for a
   * `cat` of one-line files only, the order of the arguments. None: the bundle file's name may tell.
   */
  private useCommandFiles(reads: CommandFiles | null): void {
    const files = reads ? reads.files : null;
    this.several = files !== null && files.length > 1;
    this.queue = reads?.tool === 'cat' && this.several && files!.every((f) => ONE_LINE.has(fileSpec(f)?.kind ?? '')) ? [...files!] : [];
    if (files && files.length === 1) this.named = { source: files[0]!, spec: fileSpec(files[0]!) };
    else this.named = files && files.length > 1 ? null : this.fileHint;
  }

  private openSeparator(path: string, lineNo: number, offset: number): void {
    this.closeSection();
    // The same file again in one snapshot: a collector loop without a date line, i.e. a new capture.
    if (this.snap?.held.some((h) => h.fact.source === path)) this.flush();
    this.section = { source: path, spec: fileSpec(path), line: lineNo, offset, separator: true, inferred: false, values: 0 };
  }

  /** A `==> … <==` line whose file gave no values is reported here; one that did is covered by its `cgroup.file` fact. */
  private closeSection(): void {
    const s = this.section;
    this.section = null;
    if (!s || !s.separator || s.values > 0) return;
    const what = !s.spec || s.spec.kind === 'unread' ? 'not read by the cgroup-cpu parser' : 'printed no values';
    this.skip(s.line, s.offset, `separator between files: ${s.source} ${what}`);
  }

  // ── values ──────────────────────────────────────────────────────────────────────────────────────

  private value(t: string, lineNo: number, offset: number): void {
    let sec = this.section;
    if (sec?.inferred) {
      const kv = parseKeyValue(t);
      if (!kv || !STAT_KEYS[kv.key]) sec = this.section = null; // the guessed cpu.stat ended
    }
    if (!sec && this.named) {
      sec = this.section = { ...this.named, line: lineNo, offset, separator: false, inferred: false, values: 0 };
    }
    if (!sec && this.queue.length > 0) {
      const source = this.queue.shift()!;
      this.read({ source, spec: fileSpec(source), line: lineNo, offset, separator: false, inferred: false, values: 0 }, t, lineNo, offset);
      return;
    }
    if (!sec) {
      sec = this.infer(t, lineNo, offset);
      if (!sec) return;
    }
    this.read(sec, t, lineNo, offset);
  }

  /** No header or name says which file this is: cpu.stat's keys can; anything else is skipped with the reason. */
  private infer(t: string, lineNo: number, offset: number): Section | null {
    const kv = parseKeyValue(t);
    if (kv && STAT_KEYS[kv.key]) {
      this.section = { source: 'cpu.stat', spec: fileSpec('cpu.stat'), line: lineNo, offset, separator: false, inferred: true, values: 0 };
      return this.section;
    }
    let reason: string;
    if (kv) reason = `not a cgroup CPU accounting key: ${kv.key}`;
    else if (parsePressure(t)) reason = 'pressure (PSI) line of an unnamed file: cpu, memory or io?';
    else if (parseQuotaPeriod(t)) reason = 'a quota/period pair, but neither the file name nor a header says it is cpu.max';
    else if (parseBareValue(t) !== null) {
      reason = this.several ? 'a value alone, and the command read several files: which one is it?' : 'a value alone, and no file name or header says which cgroup file it is';
    } else reason = 'not a cgroup CPU accounting line';
    this.skip(lineNo, offset, reason);
    return null;
  }

  private read(sec: Section, t: string, lineNo: number, offset: number): void {
    const spec = sec.spec;
    const file = baseName(sec.source);
    if (!spec) {
      this.skip(lineNo, offset, `line of ${file}, not a cgroup CPU accounting file`);
      return;
    }
    switch (spec.kind) {
      case 'unread':
        this.skip(lineNo, offset, spec.reason);
        return;
      case 'stat':
      case 'stat-local': {
        const kv = parseKeyValue(t);
        const v = kv ? (spec.kind === 'stat' ? STAT_KEYS : STAT_LOCAL_KEYS)[kv.key] : undefined;
        if (!kv) this.skip(lineNo, offset, `not a ${spec.file} line`);
        else if (!v) this.skip(lineNo, offset, `${spec.file} key not read: ${kv.key}`);
        else this.add(sec, { name: v.name, value: convert(kv.value, v.unit), key: kv.key, cgroup: v.cgroup }, lineNo);
        return;
      }
      case 'max': {
        const qp = parseQuotaPeriod(t);
        if (!qp) {
          this.skip(lineNo, offset, `not a cpu.max line ("max PERIOD" or "QUOTA PERIOD")`);
          return;
        }
        this.add(sec, { name: 'cpu.quota_ms', value: qp.quota === MAX ? MAX : convert(qp.quota, 'us'), key: 'cpu.max', cgroup: 'v2' }, lineNo);
        this.add(sec, { name: 'cpu.period_ms', value: convert(qp.period, 'us'), key: 'cpu.max', cgroup: 'v2' }, lineNo);
        return;
      }
      case 'single': {
        const raw = parseBareValue(t);
        const unlimited = spec.unlimited !== undefined && (raw === spec.unlimited || raw === MAX);
        if (raw === null || (!unlimited && !/^\d+$/.test(raw))) {
          this.skip(lineNo, offset, `not a value of ${spec.file}`);
          return;
        }
        const value = unlimited ? MAX : convert(Number(raw), spec.value.unit);
        this.add(sec, { name: spec.value.name, value, key: spec.file, cgroup: spec.cgroup }, lineNo);
        return;
      }
      case 'pressure': {
        const p = parsePressure(t);
        if (!p) {
          this.skip(lineNo, offset, 'not a pressure (PSI) line');
          return;
        }
        const base = `cpu.pressure.${p.which}`;
        const cg = spec.cgroup;
        this.add(sec, { name: `${base}_avg10`, value: p.avg10, key: p.which, cgroup: cg }, lineNo);
        this.add(sec, { name: `${base}_avg60`, value: p.avg60, key: p.which, cgroup: cg }, lineNo);
        this.add(sec, { name: `${base}_avg300`, value: p.avg300, key: p.which, cgroup: cg }, lineNo);
        this.add(sec, { name: `${base}_total_ms`, value: convert(p.total, 'us'), key: p.which, cgroup: cg }, lineNo);
        return;
      }
    }
  }

  private add(sec: Section, v: { name: string; value: number | string; key: string; cgroup: CgroupVersion | null }, lineNo: number): void {
    const fact: CgroupFact = { type: 'cgroup-fact', name: v.name, value: v.value, line: lineNo, key: v.key, source: sec.source, cgroup: v.cgroup };
    if (!this.snap) this.snap = { meta: { type: 'snapshot', capturedAt: null, timeSource: null, line: sec.line }, held: [] };
    const twin = this.snap.held.find((h) => h.fact.name === fact.name);
    if (twin) {
      if (twin.fact.source !== fact.source && sec.separator) {
        // The same capture read another cgroup: its facts (from this section on) get a snapshot of their own, same time.
        const moved = this.snap.held.filter((h) => h.sectionLine === sec.line);
        const meta: SnapshotMeta = { ...this.snap.meta, line: sec.line };
        this.snap.held = this.snap.held.filter((h) => h.sectionLine !== sec.line);
        this.flush();
        this.snap = { meta, held: moved };
      } else {
        // The same file again: a new capture that no date line announced.
        this.flush();
        sec.line = lineNo;
        this.snap = { meta: { type: 'snapshot', capturedAt: null, timeSource: null, line: lineNo }, held: [] };
      }
    }
    this.snap!.held.push({ fact, sectionLine: sec.line });
    sec.values++;
  }

  /** Emits the snapshot and its facts, with the derived quota in cores and one `cgroup.file` per file read. */
  private flush(): void {
    const s = this.snap;
    this.snap = null;
    if (!s) return;
    if (s.held.length === 0) {
      if (s.meta.capturedAt !== null) this.emit(s.meta); // a dated capture whose command printed nothing we read
      return;
    }
    const versionOf = new Map<string, CgroupVersion>();
    for (const { fact } of s.held) if (fact.cgroup && !versionOf.has(fact.source)) versionOf.set(fact.source, fact.cgroup);
    const facts: CgroupFact[] = [];
    const files: CgroupFact[] = [];
    const seen = new Set<string>();
    for (const { fact, sectionLine } of s.held) {
      if (fact.cgroup === null) fact.cgroup = versionOf.get(fact.source) ?? null;
      if (!seen.has(fact.source)) {
        seen.add(fact.source);
        const file = (fileSpec(fact.source) ?? fileNamedIn(fact.source))?.file ?? baseName(fact.source);
        files.push({ type: 'cgroup-fact', name: 'cgroup.file', value: fact.source, line: sectionLine, key: file, source: fact.source, cgroup: fact.cgroup });
      }
      facts.push(fact);
      if (fact.name === 'cpu.quota_ms') {
        const cores = quotaCores(fact, s.held.find((h) => h.fact.name === 'cpu.period_ms')?.fact);
        if (cores) facts.push(cores);
      }
    }
    const versions = [...new Set(facts.map((f) => f.cgroup).filter((v): v is CgroupVersion => v !== null))].sort();
    const out = [...files, ...facts];
    const told = facts.find((f) => f.cgroup !== null);
    if (told) out.push({ type: 'cgroup-fact', name: 'cgroup.version', value: versions.join('+'), line: told.line, key: told.key, source: told.source, cgroup: versions.length === 1 ? versions[0]! : null });
    out.sort((a, b) => a.line - b.line);
    this.emit(s.meta);
    for (const f of out) this.emit(f);
  }
}

/** quota ÷ period in CPUs, at the quota's line; `max` when unlimited; none when the period is unknown. */
function quotaCores(quota: CgroupFact, period: CgroupFact | undefined): CgroupFact | null {
  const base = { type: 'cgroup-fact' as const, name: 'cpu.quota_cores', line: quota.line, key: quota.key, source: quota.source, cgroup: quota.cgroup };
  if (quota.value === MAX) return { ...base, value: MAX };
  if (!period || typeof period.value !== 'number' || period.value <= 0 || typeof quota.value !== 'number') return null;
  return { ...base, value: Math.round((quota.value / period.value) * 1e6) / 1e6 };
}

export const cgroupCpuParser: ParserModule<CgroupRecord> = {
  kind: 'cgroup-cpu',
  sniff: sniffCgroupCpu,
  create: (ctx, emit) => new CgroupSink(ctx, emit),
};
