/** Every parser Rootline has, for the sniff registry. Order breaks confidence ties: earlier wins. */
import { cgroupCpuParser } from './cgroup';
import { gcLogParser } from './gclog';
import { goroutineParser, withGoroutineDumps } from './goroutine';
import { javaLogParser } from './javalog';
import { jmapParser } from './jmap';
import { jsonLogParser } from './jsonlog';
import { jstackParser } from './jstack';
import { limitsParser } from './limits';
import { lsofParser } from './lsof';
import { metricsCsvParser } from './metrics';
import { pgStatParser } from './pgstat';
import { pinoParser } from './pino';
import type { AnyParser } from './registry';
import { netstatParser, ssParser } from './sockets';
import { textLogParser } from './textlog';
import { topParser } from './top';
import type { Kind } from './types';

export const PARSERS: readonly AnyParser[] = [
  jstackParser,
  goroutineParser,
  jmapParser,
  lsofParser,
  ssParser,
  netstatParser,
  limitsParser,
  cgroupCpuParser,
  gcLogParser,
  topParser,
  pgStatParser,
  metricsCsvParser,
  pinoParser,
  javaLogParser,
  // Generic fallbacks last: on equal confidence the specific parsers win.
  // Both read SIGQUIT / GOTRACEBACK dumps inside the log as goroutine dumps (parsers/goroutine/embedded.ts).
  withGoroutineDumps(jsonLogParser),
  withGoroutineDumps(textLogParser),
];

export function parserFor(kind: Kind): AnyParser | undefined {
  return PARSERS.find((p) => p.kind === kind);
}
