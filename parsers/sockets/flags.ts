/**
 * What a command line tells about the table that follows: ss/netstat print no protocol column when
 * one protocol was asked for (`ss -t`) and no state column under a state filter (`ss state CLOSE-WAIT`).
 */
import type { ShellCommand } from '../lsof/shell';
import { normaliseState } from './states';

export interface TableContext {
  /** Protocol of every row when the table has no Netid column (`tcp` for `ss -t`). */
  proto?: string;
  /** State of every row when a single `state X` filter removed the State column. */
  state?: string;
}

/** State groups ss accepts that are not single states. */
const GROUPS = new Set(['all', 'connected', 'synchronized', 'bucket', 'big']);

export function tableContext(cmd: ShellCommand): TableContext {
  const ctx: TableContext = {};
  const letters = new Set<string>();
  const states: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (a === 'state' && cmd.args[i + 1] !== undefined) states.push(cmd.args[++i]!);
    else if (a === '--tcp') letters.add('t');
    else if (a === '--udp') letters.add('u');
    else if (a === '--unix') letters.add('x');
    else if (a === '--raw') letters.add('w');
    else if (/^-[A-Za-z]+$/.test(a)) for (const c of a.slice(1)) letters.add(c);
  }
  const protos = [['t', 'tcp'], ['u', 'udp'], ['x', 'unix'], ['w', 'raw']].filter(([l]) => letters.has(l!));
  if (protos.length === 1) ctx.proto = protos[0]![1];
  if (states.length === 1 && !GROUPS.has(states[0]!.toLowerCase())) ctx.state = normaliseState(states[0]!);
  return ctx;
}
