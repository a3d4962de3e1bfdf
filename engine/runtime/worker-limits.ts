/**
 * The young generation of Rootline's long-running worker threads. Ingest, parsing and the index
 * build make short-lived objects by the million; left to its default a thread's young generation
 * grows to tens of MB that the process keeps. Measured: the CLI at 4M lines (the same work as the
 * ingest worker, on its main thread) peaked at 231 MiB with V8's default semi-spaces and 197 MiB
 * with 4 MB ones; the parse worker alone went 191 -> 160 MiB at 2M lines. The ingest and index-build
 * workers' cap was not measured on its own (the index build's peak came from its page cache).
 */
export const WORKER_YOUNG_MB = 12;
/** The parse worker's: its records are handed over at once, so its survivors are fewer still. */
export const PARSE_WORKER_YOUNG_MB = 8;
