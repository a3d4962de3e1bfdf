/**
 * pprof profiles inside a bundle: recognised from the head of an entry (gzip or bare protobuf whose
 * top-level fields are profile.proto's; the name only hints), buffered under a size cap, gunzipped
 * under a second cap, summarised (parsers/pprof) and stored as a `pprof` snapshot with its top
 * functions. Nothing of it is read as text. Problems name the file and say what is wrong.
 */
import { constants, gunzipSync } from 'node:zlib';
import { isGzipBytes, looksLikeProfileHead, profileNameHint, ProfileError, summarizeProfile, type ProfileSummary } from '../../parsers/pprof';
import { formatBytes } from '../bundle/byte-caps';
import type { Store } from '../store';
import { TQ } from '../store/events';
import { timeFromFileName } from './filename-time';

/** Bytes read of a profile file as it is stored (gzip or not): real profiles are kilobytes to a few MiB. */
export const MAX_PROFILE_FILE_BYTES = 32 * 1024 * 1024;
/** Bytes of protobuf after gunzip: what pprof-format decodes into memory. */
export const MAX_PROFILE_BYTES = 32 * 1024 * 1024;
/** What the head check inflates of a gzip head. */
const HEAD_INFLATE = 1024 * 1024;

export interface ProfileCandidate {
  /** The name says profile (`.pb.gz`, `.pprof`…): a failure to read it is an error, not just a binary file. */
  named: boolean;
}

/**
 * Whether an entry is worth reading as a profile, from its name and first bytes (after the walker's own
 * gunzip of `.gz` members). A file that is neither named like one nor binary is left to the text parsers.
 */
export function profileCandidate(path: string, head: Buffer, complete: boolean, binary: boolean): ProfileCandidate | null {
  const named = profileNameHint(path);
  if (!named && !binary) return null;
  if (head.length === 0) return null;
  let inner: Uint8Array = head;
  let innerComplete = complete;
  if (isGzipBytes(head)) {
    try {
      inner = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: HEAD_INFLATE });
      innerComplete = false;
    } catch (e) {
      // Inflating more than the cap from a head proves little; a broken gzip is named in the error if the name says profile.
      if ((e as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return named ? { named } : null;
      return named ? { named } : null;
    }
  }
  if (looksLikeProfileHead(inner, innerComplete)) return { named };
  // Named like a profile but not one: binary bytes get the reason why; text goes to the text parsers.
  return named && binary ? { named } : null;
}

export type ProfileOutcome = { ok: true; summary: ProfileSummary; gzipped: boolean; bytes: number } | { ok: false; problem: string };

/** Buffers an entry's bytes (up to the cap), then reads them as a profile. */
export class ProfileCollector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private over = false;

  constructor(private readonly path: string) {}

  push(chunk: Buffer): void {
    if (this.over) return;
    this.size += chunk.length;
    if (this.size > MAX_PROFILE_FILE_BYTES) {
      this.over = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
  }

  finish(): ProfileOutcome {
    const fail = (problem: string): ProfileOutcome => ({ ok: false, problem: `${this.path}: ${problem}` });
    if (this.over) return fail(`profile larger than ${formatBytes(MAX_PROFILE_FILE_BYTES)} (not read)`);
    let bytes: Buffer = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    const gzipped = isGzipBytes(bytes);
    if (gzipped) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: MAX_PROFILE_BYTES });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'ERR_BUFFER_TOO_LARGE') return fail(`profile larger than ${formatBytes(MAX_PROFILE_BYTES)} once decompressed (not read)`);
        return fail(`corrupt gzip data (${err.message})`);
      }
    }
    if (bytes.length === 0) return fail('empty profile');
    try {
      return { ok: true, summary: summarizeProfile(bytes, this.path), gzipped, bytes: bytes.length };
    } catch (e) {
      if (e instanceof ProfileError) return fail(e.message);
      return fail(`profile could not be read (${(e as Error).message})`);
    }
  }
}

/** Stores a read profile as one `pprof` snapshot of the file; returns its capture time and the rows stored. */
export function storeProfile(store: Store, fileId: number, path: string, mtime: number | null, p: ProfileSummary, gzipped: boolean): { capturedAt: number | null; rows: number } {
  const named = p.capturedAt === null ? timeFromFileName(path) : null;
  const at = p.capturedAt ?? named?.ts ?? mtime;
  const source = p.capturedAt !== null ? 'tool' : named ? 'filename' : mtime !== null ? 'mtime' : null;
  const tq = at === null ? TQ.none : p.capturedAt !== null || named?.explicit || source === 'mtime' ? TQ.explicit : TQ.assumed;
  const w = store.snapshotWriter();
  const sid = w.createSnapshot({
    file_id: fileId, kind: 'pprof', seq: 0, captured_at: at, tq, time_source: source, host: null, pid: null, command: null, line: 1,
  });
  w.finishSnapshot(sid, p.functions.length > 0 ? p.functions.length : 1, p.functions.length);
  store.profiles.write(sid, p, gzipped);
  return { capturedAt: at, rows: p.functions.length };
}
