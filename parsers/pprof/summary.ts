/**
 * A decoded profile → its summary: totals per sample type and the top functions by flat, cumulative
 * and application value (pprof's `-top`, at function granularity). Decoding is pprof-format's; the
 * wire check (wire.ts) runs first so that damaged or oversized input is refused with a reason before
 * any of it is built.
 */
import { Profile } from 'pprof-format';
import { funcPackage, isStdFrame } from '../goroutine';
import type { ProfileFunction, ProfileKind, ProfileSampleType, ProfileSummary } from './model';
import { scanProfileWire, type WireCounts } from './wire';

/** Bounds on what one profile may hold: far above real ones (a large Go service's CPU profile has a few thousand functions). */
export const PROFILE_LIMITS = {
  sampleTypes: 32,
  samples: 2_000_000,
  locations: 1_000_000,
  functions: 500_000,
  strings: 1_000_000,
} as const;

/** Functions kept per sample type and ordering (flat, cum, application): the union is stored. */
export const TOP_FUNCTIONS = 50;

export class ProfileError extends Error {}

const num = (v: number | bigint | undefined): number => {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  // int64 varints of negative values decode as their unsigned 64-bit form.
  return v >= 2n ** 63n ? Number(v - 2n ** 64n) : Number(v);
};

/** Plausible capture times only: 2000-01-01 .. 2100-01-01. */
const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);

/** Names of the language runtime rather than the program: Go's assembly helpers have no package. */
const JAVA_PLATFORM = /^(?:java|javax|jdk|sun|com\.sun)\./;
const NODE_INTERNAL = /^\((?:program|garbage collector|idle|root|anonymous)\)$/;

export function isAppFunction(name: string, file: string | null): boolean {
  if (file?.startsWith('node:') || NODE_INTERNAL.test(name)) return false;
  if (JAVA_PLATFORM.test(name)) return false;
  if (file && /\.java$|\.kt$|\.scala$|\.[cm]?js$|\.ts$/.test(file)) return true;
  const pkg = funcPackage(name);
  if (pkg === '') return false; // memeqbody, aeshashbody: Go runtime assembly
  return !isStdFrame({ func: name, pkg, file: file ?? '', lineNo: 0 });
}

function over(counts: WireCounts): string | null {
  const L = PROFILE_LIMITS;
  if (counts.sampleTypes > L.sampleTypes) return `${counts.sampleTypes} sample types (at most ${L.sampleTypes} are read)`;
  if (counts.samples > L.samples) return `${counts.samples} samples (at most ${L.samples.toLocaleString('en')} are read)`;
  if (counts.locations > L.locations) return `${counts.locations} locations (at most ${L.locations.toLocaleString('en')} are read)`;
  if (counts.functions > L.functions) return `${counts.functions} functions (at most ${L.functions.toLocaleString('en')} are read)`;
  if (counts.strings > L.strings) return `${counts.strings} strings (at most ${L.strings.toLocaleString('en')} are read)`;
  return null;
}

const MUTEX_LEAF = /^sync\.\(\*(?:RW)?Mutex\)\.(?:Unlock|RUnlock)$/;

function kindOf(types: readonly ProfileSampleType[], periodType: string | null, name: string, flatLeaf: (type: string) => string | null): ProfileKind {
  const names = new Set(types.map((t) => t.type));
  if (names.has('cpu') || periodType === 'cpu' || names.has('wall')) return 'cpu';
  if (names.has('inuse_space') || names.has('alloc_space') || names.has('alloc_objects') || names.has('inuse_objects')) return 'heap';
  if (names.has('goroutine')) return 'goroutine';
  if (names.has('threadcreate')) return 'threadcreate';
  if (names.has('contentions') || names.has('delay')) {
    const base = name.toLowerCase().replace(/^.*\//, '');
    if (base.includes('mutex')) return 'mutex';
    if (base.includes('block')) return 'block';
    // Go's mutex profile charges the delay to the unlocking frame; the block profile to where it waited.
    const leaf = flatLeaf('delay') ?? flatLeaf('contentions');
    return leaf && MUTEX_LEAF.test(leaf) ? 'mutex' : 'block';
  }
  return 'other';
}

interface Acc {
  flat: number[];
  cum: number[];
  app: number[];
}

/**
 * Reads the bare protobuf of a profile (gunzip first). `name` is the file's path, a hint for telling a
 * mutex profile from a block profile. Throws ProfileError with what is wrong.
 */
export function summarizeProfile(bytes: Uint8Array, name = ''): ProfileSummary {
  const scan = scanProfileWire(bytes, true);
  if (!scan.ok) throw new ProfileError(scan.problem);
  const tooMany = over(scan.counts);
  if (tooMany) throw new ProfileError(`too large: ${tooMany}`);
  let p: Profile;
  try {
    p = Profile.decode(bytes);
  } catch (e) {
    throw new ProfileError(`not a pprof profile (${(e as Error).message})`);
  }
  const strings = p.stringTable?.strings ?? [];
  if (strings.length === 0 || strings[0] !== '') throw new ProfileError('not a pprof profile (its string table does not start with the empty string)');
  const str = (i: number | bigint | undefined): string => strings[num(i)] ?? '';

  const nTypes = p.sampleType.length;
  const types: ProfileSampleType[] = p.sampleType.map((t) => ({ type: str(t.type) || '?', unit: str(t.unit), total: 0 }));

  const fns = new Map<number, { name: string; file: string | null; startLine: number | null; app: boolean }>();
  for (const f of p.function) {
    const fname = str(f.name) || str(f.systemName) || `function ${num(f.id)}`;
    const file = str(f.filename) || null;
    fns.set(num(f.id), { name: fname, file, startLine: num(f.startLine) || null, app: isAppFunction(fname, file) });
  }
  /** Location id → its functions, innermost (inlined callee) first. */
  const locs = new Map<number, number[]>();
  for (const l of p.location) locs.set(num(l.id), l.line.map((ln) => num(ln.functionId)).filter((id) => fns.has(id)));

  const acc = new Map<number, Acc>();
  const accOf = (id: number): Acc => {
    let a = acc.get(id);
    if (!a) {
      a = { flat: new Array<number>(nTypes).fill(0), cum: new Array<number>(nTypes).fill(0), app: new Array<number>(nTypes).fill(0) };
      acc.set(id, a);
    }
    return a;
  };
  const seen = new Set<number>();
  for (const s of p.sample) {
    const stack: number[] = [];
    for (const loc of s.locationId) for (const id of locs.get(num(loc)) ?? []) stack.push(id);
    const values = s.value.map(num);
    const leaf = stack[0];
    const appLeaf = stack.find((id) => fns.get(id)!.app);
    seen.clear();
    for (let k = 0; k < nTypes; k++) {
      const v = values[k] ?? 0;
      if (v === 0) continue;
      types[k]!.total += v;
      if (leaf !== undefined) accOf(leaf).flat[k]! += v;
      if (appLeaf !== undefined) accOf(appLeaf).app[k]! += v;
      for (const id of stack) {
        if (seen.has(id * nTypes + k)) continue; // recursion: once per sample
        seen.add(id * nTypes + k);
        accOf(id).cum[k]! += v;
      }
    }
  }

  const functions: ProfileFunction[] = [];
  const share = (v: number, total: number) => (total > 0 ? v / total : null);
  types.forEach((t, k) => {
    const ids = [...acc.keys()].filter((id) => {
      const a = acc.get(id)!;
      return a.flat[k] !== 0 || a.cum[k] !== 0;
    });
    const by = (m: keyof Acc) => [...ids].sort((x, y) => acc.get(y)![m][k]! - acc.get(x)![m][k]! || x - y).slice(0, TOP_FUNCTIONS);
    const keep = new Set([...by('flat'), ...by('cum'), ...by('app').filter((id) => acc.get(id)!.app[k]! !== 0)]);
    const rows = [...keep].sort((x, y) => acc.get(y)!.flat[k]! - acc.get(x)!.flat[k]! || acc.get(y)!.cum[k]! - acc.get(x)!.cum[k]! || x - y);
    rows.forEach((id, i) => {
      const f = fns.get(id)!;
      const a = acc.get(id)!;
      functions.push({
        row: functions.length + 1, sampleType: t.type, unit: t.unit, rank: i + 1, name: f.name, file: f.file, startLine: f.startLine,
        flat: a.flat[k]!, cum: a.cum[k]!, app: a.app[k]!, flatShare: share(a.flat[k]!, t.total), cumShare: share(a.cum[k]!, t.total),
        appShare: share(a.app[k]!, t.total), isApp: f.app,
      });
    });
  });

  const defaultName = str(p.defaultSampleType);
  const defaultType = types.some((t) => t.type === defaultName) && defaultName ? defaultName : (types.at(-1)?.type ?? '');
  const periodType = p.periodType ? str(p.periodType.type) || null : null;
  const flatLeaf = (type: string) => functions.find((f) => f.sampleType === type && f.rank === 1 && f.flat > 0)?.name ?? null;
  const hot = functions.filter((f) => f.sampleType === defaultType && f.app > 0).sort((a, b) => b.app - a.app || a.row - b.row)[0];
  const ms = Math.floor(num(p.timeNanos) / 1e6);
  const dur = num(p.durationNanos);
  const program = p.mapping.length ? str(p.mapping[0]!.filename) || null : null;
  return {
    type: 'pprof',
    kind: kindOf(types, periodType, name, flatLeaf),
    capturedAt: ms >= MIN_TS && ms < MAX_TS ? ms : null,
    durationMs: dur > 0 ? dur / 1e6 : null,
    period: num(p.period) || null,
    periodType,
    periodUnit: p.periodType ? str(p.periodType.unit) || null : null,
    sampleTypes: types,
    defaultType,
    samples: p.sample.length,
    functionCount: fns.size,
    functions,
    program,
    hottest: hot ? { name: hot.name, share: hot.appShare, row: hot.row } : null,
    comments: p.comment.map((c) => str(c)).filter(Boolean),
  };
}
