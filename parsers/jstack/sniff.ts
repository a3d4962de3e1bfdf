/**
 * Is this head a Java thread dump? Frames (`\tat …`) alone prove nothing — every Java log with a
 * stack trace has them — so the verdict rests on what only thread dumps print: `Full thread dump`,
 * thread header lines, `java.lang.Thread.State:`, `- locked <…>` / `- parking to wait for`, and
 * `Locked ownable synchronizers`.
 */
import type { SniffInput, SniffResult } from '../types';
import { isFullDumpLine } from './dump-header';
import { parseThreadHeader } from './thread-header';
import { bareFrameText, frameText, isOwnableHeader, parseLockLine, parseStateLine } from './thread-lines';

export function sniffJstack(input: SniffInput): SniffResult | null {
  let fullDump = 0;
  let headers = 0;
  let states = 0;
  let locks = 0;
  let frames = 0;
  let jcmdHeaders = 0;
  let nonBlank = 0;
  for (const line of input.lines) {
    if (line.trim() === '') continue;
    nonBlank++;
    if (isFullDumpLine(line)) fullDump++;
    else if ((line.startsWith('"') || line.startsWith('#')) && parseThreadHeader(line)) {
      headers++;
      if (line.startsWith('#')) jcmdHeaders++;
    } else if (parseStateLine(line)) states++;
    else if (frameText(line) !== null) frames++;
    else if (parseLockLine(line) || isOwnableHeader(line)) locks++;
    else if (jcmdHeaders > 0 && bareFrameText(line) !== null) frames++;
  }
  if (nonBlank === 0) return null;
  const dumpLines = fullDump + headers + states + locks + frames;
  const share = dumpLines / nonBlank;
  const what = `${headers} thread headers, ${states} state lines, ${locks} lock lines, ${frames} frames in ${nonBlank} lines`;
  if (fullDump > 0) {
    return { kind: 'jstack', confidence: Math.min(0.97, 0.6 + 0.37 * share), reason: `"Full thread dump" line; ${what}` };
  }
  const markers = headers + states + locks;
  if (jcmdHeaders >= 2 && share >= 0.6) {
    // jcmd Thread.dump_to_file: `#21 "name"` blocks of bare `module/class.method(file:line)` frames.
    return { kind: 'jstack', confidence: 0.75, reason: `jcmd Thread.dump_to_file text: ${what}` };
  }
  if (headers > 0 && (states > 0 || locks > 0)) {
    return { kind: 'jstack', confidence: Math.min(0.9, 0.5 + 0.4 * share), reason: `thread dump fragment: ${what}` };
  }
  if (markers >= 2 && share >= 0.5) {
    return { kind: 'jstack', confidence: 0.5, reason: `thread dump lines without a header: ${what}` };
  }
  if (markers > 0) return { kind: 'jstack', confidence: 0.1, reason: `a few thread dump lines: ${what}` };
  return null;
}
