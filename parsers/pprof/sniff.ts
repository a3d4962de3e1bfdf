/**
 * Is this file a pprof profile? Names only hint (`cpu.pb.gz`, `heap.pprof`, `pprof.api.samples.cpu.001.pb.gz`);
 * the bytes decide: gzip, or a protobuf whose top-level fields are profile.proto's.
 */
import { scanProfileWire } from './wire';

const NAME = /\.(?:pb|pprof|prof)(?:\.gz)?$|(?:^|\/)pprof\.[^/]*$/i;

/** The name says profile: `.pb`, `.pprof`, `.prof` (gzipped or not), Go's `pprof.<program>.…` files. */
export function profileNameHint(path: string): boolean {
  return NAME.test(path);
}

export function isGzipBytes(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Whether the (decompressed) head of a file reads as the start of a profile: at least two well-formed
 * top-level fields of profile.proto and nothing it does not declare. `complete` when the head is the whole file.
 */
export function looksLikeProfileHead(head: Uint8Array, complete: boolean): boolean {
  const scan = scanProfileWire(head, complete);
  return scan.ok && scan.fields >= 2;
}
