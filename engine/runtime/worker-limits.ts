/**
 * The young generation of Rootline's long-running worker threads. Ingest, parsing and the index
 * build make short-lived objects by the million; left to its default a thread's young generation
 * grows to tens of MB that the process keeps (measured: the CLI at 4M lines peaks at 231 MiB with
 * V8's default semi-space and 197 MiB with 4 MB semi-spaces; the parse worker alone 191 -> 160 MiB at 2M).
 * Scavenges run more often, each shorter; no slower run was measured.
 */
export const WORKER_YOUNG_MB = 12;
/** The parse worker's: its records are handed over at once, so its survivors are fewer still. */
export const PARSE_WORKER_YOUNG_MB = 8;
