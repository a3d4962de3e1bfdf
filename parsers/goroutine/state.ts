/**
 * debug=1 output has no `[state]`; pprof hides the leading runtime frames, so the first shown
 * frame usually tells what the goroutine waits on (netpoll, semaphore, sleep, syscall). When the
 * runtime frames are shown (a stack of runtime frames only), they tell it directly.
 */
import type { GoFrame } from './model';

const BY_FUNC: [RegExp, string][] = [
  [/^runtime\.chansend1?$/, 'chan send'],
  [/^runtime\.chanrecv[12]?$/, 'chan receive'],
  [/^runtime\.selectgo$|^runtime\.block$/, 'select'],
  [/^(?:internal\/poll|net)\.runtime_pollWait$|^runtime\.netpollblock$/, 'IO wait'],
  [/^sync\.runtime_(?:Semacquire\w*|notifyListWait)$|^internal\/sync\.runtime_Semacquire\w*$/, 'semacquire'],
  [/^time\.Sleep$|^runtime\.timeSleep$/, 'sleep'],
  [/^syscall\.(?:Syscall6?|RawSyscall6?|syscall6?)$|^internal\/runtime\/syscall\.Syscall6$/, 'syscall'],
];

export function inferState(frames: readonly GoFrame[]): string {
  for (const f of frames.slice(0, 4)) {
    for (const [re, state] of BY_FUNC) if (re.test(f.func)) return state;
  }
  return 'unknown';
}
