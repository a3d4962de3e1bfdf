/** ss and netstat: the two parsers, their records, socket identity and the socket summary used by signatures. */
export { ssParser } from './ss-parser';
export { netstatParser } from './netstat-parser';
export { sniffSs, sniffNetstat } from './sniff';
export type { SocketRow, SocketRecord, SocketOutput } from './model';
export { socketKey, protoFamily } from './socket-key';
export { summariseSockets, type SocketSummary, type PeerSockets, type ConnectionQueues, type ProcessSockets } from './summarise';
export { normaliseState, isKnownState, CANONICAL_STATES } from './states';
export { normaliseAddress, normaliseHost, splitHostPort } from './address';
