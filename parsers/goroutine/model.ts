/**
 * The goroutine-dump model, kept apart from parsing and grouping (as panicparse does) so the
 * engine, signatures and UI depend on these types only.
 */

/** One stack frame: `pkg.func(args)` over `\t/file.go:123 +0x1f`. */
export interface GoFrame {
  /** Function as printed, e.g. `net/http.(*persistConn).readLoop`, `main.main.func1`, `panic`. */
  func: string;
  /** Import path of the function's package (`net/http`); '' when the name has none. */
  pkg: string;
  /** The argument text inside the parentheses (`0xc000012345, 0x1`, `...`); absent in debug=1. */
  args?: string;
  file: string;
  lineNo: number;
  /** PC offset within the function (`0x1f`, without `+`), when printed. */
  offset?: string;
}

export interface Goroutine {
  id: number;
  /** Wait reason or status as printed, without the minutes and flags: 'chan send', 'select', 'IO wait', 'running'… */
  state: string;
  /** `[select, 553 minutes]`; absent when the runtime printed no duration (blocked under a minute or not waiting). */
  waitMinutes?: number;
  lockedToThread: boolean;
  frames: GoFrame[];
  /** `created by main.main in goroutine 1` (the parent id since Go 1.21). */
  createdBy?: GoFrame & { goroutine?: number };
  /** `...additional frames elided...` (or Go 1.21's `...N frames elided...`) was printed. */
  framesElided: boolean;
  /** GODEBUG=tracebackancestors: ids from `[originating from goroutine N]:`, nearest first. */
  ancestors?: number[];
  /** `goroutine running on other thread; stack unavailable`. */
  stackUnavailable?: boolean;
  /** 1-based line of the `goroutine N [...]:` header. */
  line: number;
}

/** One pprof `debug=1` block: `N @ 0x… 0x…` and its `#\t0x…\tfunc+0x…\tfile:line` lines. */
export interface AggregatedStack {
  count: number;
  frames: GoFrame[];
  /** `# labels: {...}` printed for the block, verbatim. */
  labels?: string;
  line: number;
}

export interface GoPanic {
  /** Text after `panic: ` (continuation lines joined with '\n'); `fatal error: …` is kept whole. */
  message: string;
  /** Signal name from `[signal SIGSEGV: … ]` (the old numeric `0xb` is mapped to SIGSEGV). */
  signal?: string;
  /** The whole bracketed signal text, e.g. `SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x75c397`. */
  signalText?: string;
  line: number;
}

export type DumpFormat = 'debug2' | 'debug1' | 'panic';

/** The registers the runtime prints after a signal's traceback (`rax    0xca` … `gs     0x0`). */
export interface RegisterBlock {
  /** Register name → value as printed (`rip` → `0x46b621`), in the order printed. */
  values: Record<string, string>;
  line: number;
  endLine: number;
}

export interface GoroutineDump {
  type: 'goroutine-dump';
  /** 'panic' when a `panic:` / `fatal error:` line was seen; 'debug1' for pprof aggregated output. */
  format: DumpFormat;
  panic?: GoPanic;
  /** A runtime signal header such as `SIGQUIT: quit` (kill -QUIT, GOTRACEBACK=crash). */
  signal?: { name: string; text: string; line: number };
  /** `goroutine profile: total N` of a debug=1 dump. */
  total?: number;
  goroutines: Goroutine[];
  aggregated: AggregatedStack[];
  /** Frames under `runtime stack:` (the system stack of a fatal error), which belong to no goroutine. */
  runtimeStack?: GoFrame[];
  /** `runtime: …` diagnostic lines the runtime printed before a fatal error. */
  runtimeNotes?: string[];
  /** Register blocks of a signal traceback (SIGQUIT, GOTRACEBACK=system/crash), one per thread printed. */
  registers?: RegisterBlock[];
  line: number;
  endLine: number;
}

/** Goroutines with the same state and the same stack (function + file:line per frame, and creator). */
export interface GoroutineGroup {
  /** Stable across dumps: a hash of state, frames and creator (arguments and ids left out). */
  key: string;
  state: string;
  count: number;
  /** Member ids in dump order; empty for debug=1 groups. */
  ids: number[];
  /** Frames of the first member. */
  frames: GoFrame[];
  /** The first frame outside the runtime and the standard library (see user-frame.ts). */
  userFrame?: GoFrame;
  createdBy?: GoFrame;
  /** Wait range over the members; 0 means under a minute (or not waiting). */
  waitMinMinutes: number;
  waitMaxMinutes: number;
  lockedToThread: boolean;
  framesElided: boolean;
}

export type GroupTag =
  | 'http-body-leak'
  | 'grpc-transport'
  | 'chan-send'
  | 'chan-recv'
  | 'select'
  | 'io-wait'
  | 'sync-wait'
  | 'busy'
  | 'netpoll'
  | 'runtime-internal';
