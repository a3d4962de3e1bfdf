/** Full-text search over a bundle's events: the index build (in a worker), its status, and queries. */
export { startSearchIndex, SearchIndexJob, type SearchBuildOutcome, type SearchBuildProgress, type StartSearchIndexOptions } from './job';
export { searchStatus, type SearchStatus } from './status';
export { search, type SearchHit, type SearchOptions, type SearchPage, type SearchFailure, type SearchResult, type SearchErrorCode } from './search';
export { parseQuery, toMatchExpression, type ParsedQuery, type Term, type QueryError, type QueryErrorCode } from './query';
export type { Snippet } from './snippet';
export { ftsTable } from './tables';
export { dropSearchIndex } from './build';
