/**
 * A `pg_stat_activity` capture that could not be taken because the server was not there: psql printed
 * `connection to server … failed: Connection refused`, `the database system is shutting down`, `too many
 * clients`… instead of a table. The collector saw the database down, whatever the applications logged.
 */
import type { Occurrence } from '../../model/occurrence';
import { pgCaptures } from '../../store/pg-activity';
import { plural } from '../findings-from-hits';
import { snapEvidence } from '../series';
import type { Signature } from '../types';

export const PG_UNREACHABLE = 'pg-unreachable';

export interface PgUnreachableData {
  /** psql's first line of the first failure. */
  message: string;
  failed: number;
  /** Captures that did reach the server. */
  reached: number;
  /** Client backends in the last capture that reached the server before the first failure. */
  backendsBefore: number | null;
}

export interface PgUnreachableOcc extends Occurrence {
  message: string;
}

export const pgUnreachable: Signature<typeof PG_UNREACHABLE, PgUnreachableData, PgUnreachableOcc> = {
  id: PG_UNREACHABLE,
  title: 'pg_stat_activity could not be captured: the database refused connections',
  severity: 'high',
  explanation:
    'The collector ran psql against the database and psql could not connect (refused, the server shutting down or starting up, no ' +
    'connection slots left). At those times the database was down or not taking connections for anyone.',
  fix: "Check the database server's log and uptime at these times (restart, crash, failover, max_connections reached).",
  references: ['https://www.postgresql.org/docs/current/app-psql.html', 'https://www.postgresql.org/docs/current/runtime-config-connection.html'],
  detect(ctx) {
    const caps = pgCaptures(ctx.store.db, ctx.bundleId);
    const failed = caps.filter((c) => c.failure?.kind === 'pg-unreachable');
    if (failed.length === 0) return [];
    const first = failed[0]!;
    const before = caps.filter((c) => c.failure === null && c.capturedAt !== null && first.capturedAt !== null && c.capturedAt < first.capturedAt).at(-1);
    const message = first.failure!.message.split('\n')[0]!;
    return [{
      signature: this.id,
      severity: 'high',
      title: `Database unreachable in ${plural(failed.length, 'capture')}`,
      summary: `${plural(failed.length, 'pg_stat_activity capture')} of ${caps.length} could not connect: ${message}` + (before ? ` (${plural(before.backends, 'client backend')} in the capture before).` : '.'),
      first: first.capturedAt,
      last: failed.at(-1)!.capturedAt,
      count: failed.length,
      data: { message, failed: failed.length, reached: caps.filter((c) => c.failure === null).length, backendsBefore: before?.backends ?? null },
      evidence: failed.slice(0, 3).map((c) => snapEvidence(c, c.failure!.line, 'psql could not connect')),
      occurrences: failed.map((c) => ({ ts: c.capturedAt, fileId: c.fileId, line: c.failure!.line, ref: `snapshot:${c.sid}`, note: 'psql could not connect', message: c.failure!.message.split('\n')[0]! })),
    }];
  },
};
