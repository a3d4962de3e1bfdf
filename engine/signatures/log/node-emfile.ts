import type { LogRecord } from '../../../parsers/types';
import { fieldsOf, plural, singleFinding } from '../findings-from-hits';
import { nodeErrOf, recordText } from '../record-text';
import type { Occurrence } from '../../model/occurrence';
import type { Signature } from '../types';

export const NODE_EMFILE = 'node-emfile';

export interface EmfileData {
  /** syscall → count. */
  syscalls: Record<string, number>;
}

export interface EmfileOcc extends Occurrence {
  syscall: string | null;
}

const TOO_MANY = /\bEMFILE\b|too many open files/i;

export const nodeEmfile: Signature<typeof NODE_EMFILE, EmfileData, EmfileOcc> = {
  id: NODE_EMFILE,
  title: 'Out of file descriptors (EMFILE, "too many open files")',
  severity: 'critical',
  explanation:
    'The process hit its open-file limit: every socket, file and pipe takes a descriptor. New connections and files fail until ' +
    'descriptors are released. When it follows steady growth, something opens sockets or files and never closes them; raising ' +
    '`ulimit -n` only delays the failure.',
  fix:
    'Find what holds the descriptors (`lsof -p PID` over time: which type and which remote peer grows) and close it: clients ' +
    'created per request and never closed (gRPC/HTTP clients), response bodies not consumed, files not closed.',
  references: ['https://nodejs.org/api/errors.html#common-system-errors', 'https://man7.org/linux/man-pages/man2/open.2.html'],
  samples: {
    parser: 'pino',
    match: [
      '{"level":50,"time":1700000000000,"pid":4242,"hostname":"gw-1","err":{"type":"Error","message":"connect EMFILE 10.0.3.7:3306 - Local (undefined:undefined)","stack":"Error: connect EMFILE 10.0.3.7:3306","errno":-24,"code":"EMFILE","syscall":"connect","address":"10.0.3.7","port":3306},"msg":"db connect failed"}',
      '{"level":50,"time":1700000000100,"pid":4242,"hostname":"gw-1","msg":"accept tcp [::]:8080: accept4: too many open files; retrying in 1s"}',
    ],
    noMatch: ['{"level":30,"time":1700000000000,"pid":4242,"hostname":"gw-1","msg":"opened 12 files"}'],
  },
  match(r: LogRecord) {
    if (nodeErrOf(r.fields)?.code === 'EMFILE') return true;
    if (r.level !== null && r.level < 40) return false;
    return TOO_MANY.test(recordText(r));
  },
  detect(ctx) {
    return singleFinding(this, ctx, (events, count) => {
      const syscalls = new Map<string, number>();
      for (const e of events) {
        const s = String((fieldsOf(e).err as { syscall?: string } | undefined)?.syscall ?? 'unknown');
        syscalls.set(s, (syscalls.get(s) ?? 0) + 1);
      }
      return { summary: `${plural(count, 'error')} from running out of file descriptors.`, data: { syscalls: Object.fromEntries(syscalls) } };
    }, (_e, base, f) => ({ ...base, syscall: (f.err as { syscall?: string } | undefined)?.syscall ?? null }));
  },
};
