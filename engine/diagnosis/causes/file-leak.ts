/**
 * Files (or pipes, eventfds) are opened and never closed. Its own evidence: descriptor growth whose
 * leading kind is not sockets (regular files on one path or path pattern, pipes, anonymous inodes),
 * and the EMFILE errors when no socket growth competes for them. It explains the sockets that pile
 * up in CLOSE_WAIT once the table is full: connections queued on the listener that the process could
 * not accept, whose clients gave up — a consequence, not a second leak.
 */
import type { EvidenceRef } from '../../model/evidence';
import { formatMs } from '../../signatures/findings-from-hits';
import { CLOSE_WAIT_ACCUMULATION } from '../../signatures/net/close-wait-accumulation';
import { codePathNote, FD_GROWTH, kindWord, leakKindOf } from '../../signatures/net/fd-growth';
import { NODE_EMFILE } from '../../signatures/log/node-emfile';
import { clamp01, STRENGTH, type CauseRule, type Item } from '../types';
import { cite, n, spans } from './helpers';
import { emfileItems, emfileOwner, fileGrowth, tableFullAt } from './fd-leak-kind';

interface State {
  /** When the leaking process's descriptor table was full (null: never seen full). */
  fullAt: number | null;
}

/**
 * A CLOSE_WAIT pile-up is the full table's when at least half of it appeared after the table filled: one
 * mostly there before has a cause of its own; one that appears after is connections queued on the
 * listener while accept could not get a descriptor, closed by clients that gave up waiting.
 */
const AFTER_FULL_SHARE = 0.5;

export const fileLeak: CauseRule<State> = {
  id: 'file-leak',
  title: 'Files are opened and never closed (file descriptor leak)',
  fix:
    'Close every file on every path, errors included: `defer f.Close()` right after a successful os.Open/os.OpenFile (Go), ' +
    'try-with-resources around FileInputStream/FileOutputStream/Files.newInputStream (Java), a `finally` that closes the handle (Node). ' +
    'A cache or map that keeps open files must be keyed by what identifies the file, bounded, and close what it evicts; the Go runtime ' +
    'closes only files nothing references. Pipes: Wait() for every exec.Cmd and close the pipes you asked for. Raising `ulimit -n` only delays the failure.',
  references: ['https://pkg.go.dev/os#File.Close', 'https://docs.oracle.com/javase/tutorial/essential/exceptions/tryResourceClose.html', 'https://man7.org/linux/man-pages/man2/open.2.html'],

  candidates(ctx) {
    const growth = fileGrowth(ctx);
    if (growth.length === 0) return [];
    const emfile = emfileOwner(ctx) === 'file' ? emfileItems(ctx) : [];
    const own: Item[] = [...growth, ...emfile];
    // As strong a mechanism as socket-leak's growth (same prior): snapshots that show what grew.
    return [{ own, windows: spans(growth), prior: 0.7, state: { fullAt: tableFullAt(growth, emfileItems(ctx)) } }];
  },

  explains(c, it) {
    if (it.sig !== CLOSE_WAIT_ACCUMULATION || c.state.fullAt === null) return null;
    const d = it.finding.data;
    const before = Math.max(0, ...d.counts.filter((p) => p.ts !== null && p.ts < c.state.fullAt!).map((p) => p.count));
    if (d.growth.max === 0 || before > d.growth.max * AFTER_FULL_SHARE) return null;
    return { strength: STRENGTH.specific, reason: 'they piled up after the descriptor table was full: connections the listener could not accept, closed by clients that gave up' };
  },

  conclude(c, got) {
    const growth = got.of(FD_GROWTH);
    if (growth.length === 0) return null;
    const g = growth.reduce((a, b) => (b.finding.data.growth.delta > a.finding.data.growth.delta ? b : a));
    const d = g.finding.data;
    const kind = leakKindOf(d);
    const word = kindWord(kind);
    const reasoning: string[] = [];
    const evidence: EvidenceRef[] = [...g.finding.evidence];
    const grew = d.byKind.find((k) => k.key === kind);
    const sockets = d.byKind.find((k) => k.key === 'socket');
    reasoning.push(
      `${d.command} (pid ${d.pid}) went from ${d.growth.first} to ${d.growth.last} open descriptors across ${n(d.counts.length, 'snapshot')}` +
        (grew ? `; ${word} carry the growth (${grew.first} → ${grew.last})` : '') +
        `, while sockets stayed at ${sockets ? `${sockets.first} → ${sockets.last}` : 'none'}: not a socket leak.`,
    );
    // Growth of one kind alone is already more likely a leak than not; the same scale as socket-leak's.
    let conf = 0.6;
    const target = d.byTarget.find((t) => t.key === d.growingTarget);
    if (target) {
      conf += 0.1; // one path (or pattern) carries it: the code that opens it is named
      const others = d.byTarget.filter((t) => t !== target && t.last > t.first).slice(0, 2);
      const name = (key: string) => (key.includes('*') ? `${word} matching ${key}` : key);
      reasoning.push(
        `${name(target.key)} went from ${target.first} to ${target.last} open descriptors` +
          (others.length ? ` (and ${others.map((t) => `${name(t.key)} ${t.first} → ${t.last}`).join(', ')})` : '') +
          ': the code that opens it keeps every handle and never closes one.',
      );
    }
    if (d.codePath) {
      conf += 0.05; // a dump shows the code using the files: corroboration, not the mechanism itself
      const cp = d.codePath;
      reasoning.push(
        `The ${cp.stacks} dumps show the code path using files: ${codePathNote(cp)}. ` +
          'From there, what opens them and where the handles are kept (a cache, a map, a struct field) is the code to fix.',
      );
    }
    if (d.limit) {
      const when = d.growth.last >= d.limit ? '; the process reached it' : d.minutesToLimit !== null ? `; at this rate it is reached in about ${formatMs(d.minutesToLimit * 60_000)}` : '';
      reasoning.push(`The limit is ${d.limit}${when} — raising it only moves the failure.`);
    }
    const emfile = got.of(NODE_EMFILE);
    if (emfile.length) {
      conf += 0.2; // the table ran out: the growth was not churn that would have settled
      reasoning.push(`${n(emfile.length, 'operation')} then failed with EMFILE / "too many open files" (opens and accepts alike: the table is shared).`);
      evidence.push(...cite(emfile, 2));
    }
    const closeWait = got.of(CLOSE_WAIT_ACCUMULATION);
    if (closeWait.length) {
      reasoning.push(
        `${closeWait[0]!.finding.summary.replace(/[.:][^.:]*\.$/, '')}: they appeared once the table was full — connections queued on the listener that accept ` +
          'could not take, closed by clients that gave up. A consequence of the full table, not a second leak.',
      );
      evidence.push(...closeWait[0]!.finding.evidence.slice(-1));
    }
    return {
      confidence: clamp01(conf),
      summary: `${word[0]!.toUpperCase()}${word.slice(1)}${target ? (target.key.startsWith('/') ? ` on ${target.key}` : ` (${target.key})`) : ''} are opened and never closed until the process runs out of descriptors` +
        (c.state.fullAt !== null ? '' : ' (its limit was not reached in the bundle)') + '.',
      reasoning,
      evidence,
    };
  },
};
