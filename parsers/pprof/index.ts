/**
 * pprof protobuf profiles (`.pb.gz`, `.pprof`; CPU, heap, goroutine, mutex, block), read with
 * pprof-format into the top functions of each sample type. Not a line parser: the engine hands it the
 * profile's (gunzipped) bytes (engine/ingest/profile-ingest.ts).
 */
export type { ProfileFunction, ProfileKind, ProfileSampleType, ProfileSummary } from './model';
export { summarizeProfile, isAppFunction, ProfileError, PROFILE_LIMITS, TOP_FUNCTIONS } from './summary';
export { profileNameHint, isGzipBytes, looksLikeProfileHead } from './sniff';
export { scanProfileWire } from './wire';
