/**
 * Tags for a goroutine group that the signatures and the guide reason about: what it waits on
 * (state), and which well-known leak shapes its stack has (HTTP bodies never closed, gRPC
 * transports never closed, goroutines spinning in user code).
 */
import type { GoFrame, GoroutineDump, GoroutineGroup, GroupTag } from './model';
import { isRuntimeFrame, isStdFrame } from './stdlib';

const HTTP_LOOPS = /^net\/http\.\(\*persistConn\)\.(?:readLoop|writeLoop)$/;
/** grpc-go transport goroutines: http2Client/Server reader, loopyWriter, keepalive; the addrConn reconnect loop. */
const GRPC = /^google\.golang\.org\/grpc\/(?:internal\/)?transport\.|^google\.golang\.org\/grpc\.\(\*addrConn\)/;
const NETPOLL = /^(?:internal\/poll|net)\.runtime_pollWait$|^runtime\.netpoll(?:block)?$/;
/** The goroutine writing the dump, and panicking goroutines, are `running` without being busy. */
const NOT_BUSY = /^runtime\/pprof\.writeGoroutine|^runtime\.Stack$|^runtime\/debug\.Stack$|^runtime\.gopanic$|^panic$|^runtime\.sigpanic$|^runtime\.throw$|^runtime\.fatalpanic$/;

function any(frames: readonly GoFrame[], re: RegExp): boolean {
  for (const f of frames) if (re.test(f.func)) return true;
  return false;
}

/**
 * Tags for one group. Pass the dump when known: in a panic dump the `running` goroutine is the
 * one that panicked (Go ≤1.4 and nil dereferences print no panic frame), not a busy loop.
 */
export function classifyGroup(g: Pick<GoroutineGroup, 'state' | 'frames' | 'createdBy'>, dump?: Pick<GoroutineDump, 'format'>): GroupTag[] {
  const tags: GroupTag[] = [];
  const all = g.createdBy ? [...g.frames, g.createdBy] : g.frames;
  const s = g.state;
  if (any(g.frames, HTTP_LOOPS)) tags.push('http-body-leak');
  if (any(all, GRPC)) tags.push('grpc-transport');
  if (s.startsWith('chan send')) tags.push('chan-send');
  if (s.startsWith('chan receive')) tags.push('chan-recv');
  if (s.startsWith('select')) tags.push('select');
  if (s.startsWith('IO wait')) tags.push('io-wait');
  if (s === 'semacquire' || s.startsWith('sync.') || s.startsWith('sync ')) tags.push('sync-wait');
  const panicking = s === 'running' && dump?.format === 'panic';
  if ((s === 'running' || s === 'runnable') && !panicking && !any(g.frames, NOT_BUSY) && g.frames.some((f) => !isStdFrame(f))) tags.push('busy');
  if (any(g.frames, NETPOLL)) tags.push('netpoll');
  if (all.length > 0 && all.every(isRuntimeFrame)) tags.push('runtime-internal');
  return tags;
}
