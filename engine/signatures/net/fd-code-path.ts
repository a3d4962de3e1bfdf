/**
 * The code path that holds files, from goroutine and thread dumps of the process: the program's own
 * function nearest to a file call (`os.OpenFile`, `os.(*File).ReadFrom`, `java.io.FileInputStream.<init>`)
 * on the stacks dumped while descriptors grew. A dump shows it only when goroutines or threads were in
 * such a call at that instant (writing to, reading from or opening a file); otherwise there is none.
 */
import { funcPackage, isStdFrame } from '../../../parsers/goroutine';
import { parseJson } from '../../store/json';
import type { SnapRef } from '../../store/snapshot-queries';
import type { Store } from '../../store';

export interface CodePath {
  /** The program's function on those stacks (`main.(*server).appendBatch`, `com.acme.Export.write`). */
  fn: string;
  /** Where, as the dump prints it (`/src/app/main.go:89`, `Export.java:41`); null when it does not say. */
  at: string | null;
  /** The file call it was in (`os.(*File).ReadFrom`, `java.io.FileOutputStream.writeBytes`). */
  via: string;
  /** Goroutines or threads on that path, summed over the dumps, and how many dumps showed it. */
  count: number;
  stacks: 'goroutine' | 'thread';
  dumps: number;
  /** The latest dump that showed it, and the line of the function's frame there (or of its stack's header). */
  sid: number;
  fileId: number;
  line: number;
  capturedAt: number | null;
}

/** Go calls that open, read or write a file (the `*os.File` methods, the os and ioutil helpers, the raw syscall). */
const GO_FILE_CALL = /^(?:os\.(?:\(\*File\)\.\w+|OpenFile|Open|Create|ReadFile|WriteFile|ReadDir|CreateTemp|MkdirTemp|NewFile)|io\/ioutil\.(?:ReadFile|WriteFile|ReadDir|TempFile)|syscall\.(?:Open|Openat))$/;
/** Java classes whose frames open, read or write files. */
const JAVA_FILE_CALL = /^(?:java\.io\.(?:FileInputStream|FileOutputStream|RandomAccessFile|FileReader|FileWriter)|sun\.nio\.ch\.FileChannelImpl|java\.nio\.channels\.FileChannel|java\.nio\.file\.Files|sun\.nio\.fs\.UnixChannelFactory)\./;
const JAVA_PLATFORM = /^(?:java|javax|jdk|sun|com\.sun)\./;
/** Streams that are not files a program opened: standard input and a child process's pipes read through FileInputStream. */
const NOT_OPENED_FILES = /^(?:java\.lang\.System\$In|java\.lang\.Process\$PipeInputStream|java\.lang\.ProcessImpl\$ProcessPipeInputStream)\./;

interface Frame {
  fn: string;
  at: string | null;
  file: boolean;
  user: boolean;
}

/** A stored Go frame: `func file:line`. */
function goFrame(text: string): Frame {
  const sp = text.lastIndexOf(' ');
  const fn = sp > 0 ? text.slice(0, sp) : text;
  const at = sp > 0 ? text.slice(sp + 1) : null;
  const file = at ? at.replace(/:\d+$/, '') : '';
  return { fn, at, file: GO_FILE_CALL.test(fn), user: !isStdFrame({ func: fn, pkg: funcPackage(fn), file, lineNo: 0 }) };
}

/** A stored Java frame: `pkg.Class.method(File.java:12)`, maybe with a module or loader prefix. */
function javaFrame(text: string): Frame {
  const open = text.indexOf('(');
  const callee = (open > 0 ? text.slice(0, open) : text).replace(/^.*\//, '');
  const at = open > 0 && text.endsWith(')') ? text.slice(open + 1, -1).replace(/^.*\//, '') : null;
  return { fn: callee, at, file: JAVA_FILE_CALL.test(callee), user: !JAVA_PLATFORM.test(callee) };
}

/**
 * Where dumps of `pid` (or dumps that name no process, when `anyPid`) show files in use: per program
 * function below a file call, the one seen on the most stacks. Null when no dump shows one.
 */
export function fileCodePath(store: Store, bundle: number, pid: number, anyPid: boolean): CodePath | null {
  const q = store.series;
  const best = new Map<string, CodePath & { sids: Set<number> }>();
  for (const kind of ['goroutine', 'jstack'] as const) {
    const dumps = new Map(q.dumps(bundle, kind).filter((d) => d.pid === pid || (d.pid === null && anyPid)).map((d) => [d.sid, d]));
    if (dumps.size === 0) continue;
    for (const g of q.groups(bundle, kind)) {
      const dump = dumps.get(g.sid);
      if (!dump) continue;
      const frames = parseJson<string[]>(g.frames, []).map(kind === 'goroutine' ? goFrame : javaFrame);
      // The outermost file call: a library's own helpers (bufio, io.Copy) sit between it and the caller.
      let callIdx = -1;
      for (let i = 0; i < frames.length; i++) if (frames[i]!.file) callIdx = i;
      if (callIdx < 0 || frames.some((f) => NOT_OPENED_FILES.test(f.fn))) continue;
      const userIdx = frames.findIndex((f, i) => i > callIdx && f.user);
      if (userIdx < 0) continue;
      const user = frames[userIdx]!;
      const cur = best.get(user.fn);
      // In a goroutine dump's traceback every frame is two lines (the call, then its file:line) after the header.
      const line = g.groupLine !== null ? (kind === 'goroutine' ? g.groupLine + 1 + 2 * userIdx : g.groupLine) : dump.line;
      const later = !cur || (g.capturedAt ?? 0) >= (cur.capturedAt ?? 0);
      const next = {
        fn: user.fn, at: user.at, via: frames[callIdx]!.fn, stacks: kind === 'goroutine' ? ('goroutine' as const) : ('thread' as const),
        count: (cur?.count ?? 0) + g.count, dumps: 0, sids: cur?.sids ?? new Set<number>(),
        ...(later ? { sid: g.sid, fileId: g.fileId, line, capturedAt: g.capturedAt } : { sid: cur!.sid, fileId: cur!.fileId, line: cur!.line, capturedAt: cur!.capturedAt }),
      };
      next.sids.add(g.sid);
      best.set(user.fn, next);
    }
  }
  const top = [...best.values()].sort((a, b) => b.count - a.count || (b.capturedAt ?? 0) - (a.capturedAt ?? 0))[0];
  if (!top) return null;
  const { sids, ...rest } = top;
  return { ...rest, dumps: sids.size };
}

/** The dump a code path was read from, as a snapshot reference for evidence. */
export function codePathRef(c: CodePath): SnapRef {
  return { sid: c.sid, fileId: c.fileId, capturedAt: c.capturedAt, line: c.line, host: null, kind: 'goroutine', command: null };
}
