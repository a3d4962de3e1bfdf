import type { AnyParser } from '../../parsers/registry';

/** Parsers read zone-less times as wall clock; the engine re-times them once the zone is known (place-times.ts). */
function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** A parser for one file, on whichever thread parses it. */
export function createParser(parser: AnyParser, fileName: string, emit: (record: { type: string }) => void): ReturnType<AnyParser['create']> {
  return parser.create({ fileName, time: { localToUtc: wallClock, referenceDay: 0 } }, emit);
}
