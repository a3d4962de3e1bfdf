/**
 * Identical-stack groups, panicparse style: threads with the same state and the same frames
 * (after erasing what differs between otherwise identical stacks — object addresses, lambda and
 * proxy class numbers, generated accessor numbers) form one group. 200 request threads parked in
 * the same place become one line: "200 × WAITING at ConcurrentBag.borrow".
 */
import type { Frame, JavaThread, ThreadDump, ThreadState } from './model';

export interface StackGroup {
  /** State and normalised frames; equal keys across dumps mean the same stack. */
  key: string;
  state: ThreadState | null;
  count: number;
  threadNames: string[];
  /** Thread names with numbers erased (`http-nio-#-exec-#`), most frequent first. */
  namePatterns: string[];
  /** The sample's frames (as printed). */
  frames: Frame[];
  /** The first thread of the group in dump order (evidence: its `line`). */
  sample: JavaThread;
  /** Header lines of every member. */
  lines: number[];
}

const CLASS_RULES: readonly [RegExp, string][] = [
  [/\$\$Lambda\$\d+\/(?:0x)?[0-9a-f]+/gi, '$$$$Lambda'], // JDK 8–20 `Foo$$Lambda$123/0x…` or `/1104106489`
  [/\$\$Lambda\/0x[0-9a-f]+/gi, '$$$$Lambda'], // JDK 21+ `Foo$$Lambda/0x…`
  [/\/0x[0-9a-f]+/gi, ''], // other hidden classes: `LambdaForm$DMH/0x…`
  [/\$Proxy\d+/g, '$$Proxy'],
  [/(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\d+/g, '$1'],
  [/(\$\$(?:EnhancerBy\w*CGLIB|FastClassBy\w*CGLIB|SpringCGLIB)\$\$)[0-9a-f]+(?:_\d+)?/gi, '$1'],
  [/(\$HibernateProxy\$)\w+/g, '$1'],
  [/\bAccessor\d+\b/g, 'Accessor'],
];

/** A class name with generated-name numbers erased. */
export function normaliseClassName(name: string): string {
  let out = name;
  for (const [re, to] of CLASS_RULES) out = out.replace(re, to);
  return out;
}

/** A frame as a grouping token: class.method(file:line), no module version, no addresses. */
export function normaliseFrame(f: Frame): string {
  const where = f.native ? 'Native Method' : f.file !== undefined ? (f.lineNo !== undefined ? `${f.file}:${f.lineNo}` : f.file) : 'Unknown Source';
  const head = f.className && f.method ? `${normaliseClassName(f.className)}.${f.method}(${where})` : f.text.replace(/0x[0-9a-f]+/gi, '0x…');
  const locks = (f.locks ?? []).map((l) => `\n  - ${l.kind}${l.lock?.className ? ` (a ${normaliseClassName(l.lock.className)})` : ''}`);
  return head + locks.join('');
}

/** `http-nio-8080-exec-12` → `http-nio-#-exec-#`. */
export function normaliseThreadName(name: string): string {
  return name.replace(/\d+/g, '#');
}

export function stackKey(t: JavaThread, topFrames = Infinity): string {
  const frames = Number.isFinite(topFrames) ? t.frames.slice(0, topFrames) : t.frames;
  return `${t.state ?? 'unknown'}\n${frames.map(normaliseFrame).join('\n')}`;
}

export function groupThreads(dump: ThreadDump): StackGroup[] {
  const groups = new Map<string, StackGroup & { order: number; patterns: Map<string, number> }>();
  dump.threads.forEach((t, i) => {
    const key = stackKey(t);
    let g = groups.get(key);
    if (!g) {
      g = { key, state: t.state, count: 0, threadNames: [], namePatterns: [], frames: t.frames, sample: t, lines: [], order: i, patterns: new Map() };
      groups.set(key, g);
    }
    g.count++;
    g.threadNames.push(t.name);
    g.lines.push(t.line);
    const p = normaliseThreadName(t.name);
    g.patterns.set(p, (g.patterns.get(p) ?? 0) + 1);
  });
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ order: _o, patterns, ...g }) => ({
      ...g,
      namePatterns: [...patterns.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p),
    }));
}
