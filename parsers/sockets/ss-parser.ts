/**
 * ss parser: `ss -t`, `-tan`, `-tanp`, `-tnpi` (detail lines folded into the row's `info`), `-a`
 * (every netid), `-tulpen`, state-filtered tables (no State column), very wide `-e` output with
 * `cgroup:` fields, and shell transcripts (`ss -np | grep … | wc -l`).
 */
import { tokenize } from '../lsof/tokens';
import type { ParserModule } from '../types';
import type { SocketOutput, SocketRecord } from './model';
import { applySsFields } from './ss-fields';
import { isSsHeader, parseSsRow } from './ss-row';
import { sniffSs } from './sniff';
import { TableSink } from './table-sink';

class SsSink extends TableSink {
  constructor(emit: (r: SocketOutput) => void, ctx: Parameters<ParserModule<SocketRecord>['create']>[0]) {
    super(emit, ctx, ['ss']);
  }

  protected detail(text: string, lineNo: number): boolean {
    // Detail lines are indented (ss prints a tab) and are not rows themselves.
    if (!/^\s/.test(text) || parseSsRow(text, this.table)) return false;
    const p = this.pending!;
    applySsFields(p, tokenize(text).map((t) => t.text));
    p.endLine = lineNo;
    return true;
  }

  protected content(text: string, lineNo: number): string | null {
    if (isSsHeader(text)) {
      this.snaps.boundary(lineNo);
      return 'column header';
    }
    const r = parseSsRow(text, this.table);
    if (r) {
      this.hold({ ...r.row, line: lineNo });
      return null;
    }
    if (/^(?:Total|TCP|UDP|RAW|FRAG|INET|Transport)\b.*:/.test(text.trim())) return 'ss summary line';
    return 'not an ss row';
  }
}

export const ssParser: ParserModule<SocketRecord> = {
  kind: 'ss',
  sniff: sniffSs,
  create(ctx, emit) {
    return new SsSink(emit, ctx);
  },
};
