import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectorLoop, POOL_EXHAUSTED_JDK17, REENTRANT_DEADLOCK_JDK8, THREADINFO_CYCLE_JDK17 } from './hand-written-samples';
import { groupThreads } from './group';
import { contention, lockGraph } from './lock-graph';
import { classifyThread } from './classify';
import { jstackParser } from './index';
import { stuckThreads } from './stuck';
import { allFixtureLines, parseJstackText, unaccounted, type Parsed } from './test-helpers';

/** Real lines to recombine: every line kind the parser knows, in any order. */
const POOL = [
  ...allFixtureLines('jifa-jstack_11_with_deadlocks.log'),
  ...allFixtureLines('tda-test.log').slice(0, 120),
  ...allFixtureLines('tda-visualvmremote.log').slice(0, 80),
  ...allFixtureLines('tda-testwithhistogram.log').slice(60, 100),
  ...allFixtureLines('fragments/issue-HikariCP-714-getconnection-waiting.txt'),
  ...REENTRANT_DEADLOCK_JDK8.split('\n'),
  ...THREADINFO_CYCLE_JDK17.split('\n'),
  ...collectorLoop('2026-11-22T16:00:00Z', 'Sun Nov 22 16:00:00 UTC 2026', 120).split('\n'),
].filter((l) => !/[\r\n]/.test(l));

const noBreaks = (s: string): string => s.replace(/[\r\n]/g, ' ');

const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...POOL) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map(noBreaks) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...POOL), fc.nat(80), fc.string({ maxLength: 8 })).map(([l, cut, junk]) => noBreaks(l.slice(0, cut) + junk)) },
);

function checkInvariants(p: Parsed, lines: string[]): void {
  expect(unaccounted(p, lines)).toEqual([]);
  expect(p.metas).toHaveLength(p.dumps.length);
  let prevEnd = 0;
  for (const d of p.dumps) {
    expect(d.line).toBeGreaterThan(prevEnd);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    prevEnd = d.endLine;
    for (const t of d.threads) {
      expect(t.line).toBeGreaterThanOrEqual(d.line);
      expect(t.endLine).toBeLessThanOrEqual(d.endLine);
    }
    for (const dl of d.deadlocks) expect(dl.threads.length).toBeGreaterThan(0);
  }
  for (const s of p.raw.skipped) expect(s.reason).not.toMatch(/parser error/);
}

describe('jstack parser properties', () => {
  it('never throws and accounts for every line of any mix of real and broken lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), (lines) => {
        const p = parseJstackText(lines.join('\n'));
        checkInvariants(p, lines);
        // The analysis helpers accept whatever the parser produced.
        for (const d of p.dumps) {
          groupThreads(d);
          lockGraph(d);
          contention(d, 1);
          for (const t of d.threads) classifyThread(t);
        }
        stuckThreads(p.dumps, { minDumps: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const p = parseJstackText(text);
        checkInvariants(p, text.split(/\r\n|\n|\r/));
      }),
      { numRuns: 300 },
    );
  });

  it('parsing is independent of how many dumps precede: a dump parses the same after another', () => {
    fc.assert(
      fc.property(fc.constantFrom(POOL_EXHAUSTED_JDK17, REENTRANT_DEADLOCK_JDK8), fc.constantFrom(POOL_EXHAUSTED_JDK17, REENTRANT_DEADLOCK_JDK8), (a, b) => {
        const alone = parseJstackText(b).dumps[0]!;
        const both = parseJstackText(`${a}\n${b}`).dumps;
        expect(both).toHaveLength(2);
        expect(both[1]!.threads.map((t) => [t.name, t.state, t.frames.length])).toEqual(alone.threads.map((t) => [t.name, t.state, t.frames.length]));
        expect(both[1]!.deadlocks.length).toBe(alone.deadlocks.length);
      }),
    );
  });

  it('pathological long lines finish (no backtracking blow-up)', () => {
    const n = 200_000;
    const lines = [
      '"' + ' "'.repeat(n / 2),
      '\t- waiting to lock <' + '0'.repeat(n),
      '\tat ' + 'a.'.repeat(n / 2) + '(',
      '   java.lang.Thread.State: ' + 'A'.repeat(n),
      '#1 "' + '"'.repeat(n),
      'Full thread dump [' + '1 '.repeat(n / 2),
      '"x" #1 prio=5 ' + ' '.repeat(n) + 'x',
      '"x" Id=1 BLOCKED on a@1' + ' owned by "'.repeat(n / 10),
      'Full thread dump [' + '1'.repeat(n) + ']',
      'Sun ' + ' '.repeat(n) + '1',
      '# captured ' + '2026-01-01'.repeat(n / 10),
      '  waiting to lock monitor 0x1 (object 0x2, a ' + 'x '.repeat(n / 2),
      '\t- locked ' + 'a'.repeat(n) + '@',
      '\t- locked ' + 'a@'.repeat(n / 2),
    ];
    const p = parseJstackText(lines.join('\n'));
    checkInvariants(p, lines);
    // The same lines inside a dump, inside a deadlock report, and inside a jcmd text dump.
    for (const head of ['Full thread dump X:\n"t" #1 prio=5 tid=0x1 nid=0x1 runnable', 'Found one Java-level deadlock:\n"a":', '#1 "main"']) {
      const all = [...head.split('\n'), ...lines, '      ' + 'a.'.repeat(n / 2) + '(' + ')x'.repeat(n / 2)];
      checkInvariants(parseJstackText(all.join('\n')), all);
      expect(jstackParser.sniff({ name: 'x', lines: all })).not.toBeUndefined();
    }
  });
});
