import type { Database } from 'better-sqlite3';
import type { LineBlock } from '../store/line-block-codec';

/** A block's columns, as line-block-codec.ts views them. */
export type DecodedBlock = Omit<LineBlock, 'n' | 'firstId'>;

export function decodeBlock(data: Uint8Array, n: number): DecodedBlock;
export function registerLineTables(db: Database, dbPath: string): (() => void) | undefined;
