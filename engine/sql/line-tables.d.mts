import type { Database } from 'better-sqlite3';

export interface DecodedBlock {
  ts: Float64Array;
  offset: Float64Array;
  ms: Float64Array;
  idDelta: Uint32Array;
  line: Uint32Array;
  length: Uint32Array;
  pid: Int32Array;
  level: Uint8Array;
  kind: Uint8Array;
  tq: Uint8Array;
}

export function decodeBlock(data: Uint8Array, n: number): DecodedBlock;
export function registerLineTables(db: Database, dbPath: string): (() => void) | undefined;
