/** Opening incident bundles safely and streaming their entries. */
export { walkBundle } from './walk';
export { bundleFingerprint } from './fingerprint';
export { BundleError, isBundleError, type BundleErrorCode } from './errors';
export { formatBytes } from './byte-caps';
export { DEFAULT_LIMITS } from './types';
export type { BundleEntry, BundleKind, EntryProblem, RefusedEntry, Visit, WalkLimits, WalkOptions, WalkResult } from './types';
