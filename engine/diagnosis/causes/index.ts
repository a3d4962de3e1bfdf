/** Every cause rule, in the order that breaks ties between equally supported causes. */
import type { CauseRule } from '../types';
import { busyLoop } from './busy-loop';
import { connectionLeak } from './connection-leak';
import { databaseUnavailable } from './database-unavailable';
import { deadlock } from './deadlock';
import { eventLoopBlocked } from './event-loop-blocked';
import { fileLeak } from './file-leak';
import { gcPressure } from './gc-pressure';
import { goroutineLeak } from './goroutine-leak';
import { httpBodyNotClosed } from './http-body-not-closed';
import { idleConnectionsClosed } from './idle-connections-closed';
import { lockContention } from './lock-contention';
import { memoryLeak } from './memory-leak';
import { poolSaturation } from './pool-saturation';
import { processStarvation } from './process-starvation';
import { slowReader } from './slow-reader';
import { socketLeak } from './socket-leak';
import { threadLeak } from './thread-leak';

export const CAUSE_RULES: readonly CauseRule[] = [
  deadlock,
  gcPressure,
  processStarvation,
  eventLoopBlocked,
  databaseUnavailable,
  connectionLeak,
  idleConnectionsClosed,
  poolSaturation,
  socketLeak,
  fileLeak,
  httpBodyNotClosed,
  goroutineLeak,
  busyLoop,
  slowReader,
  lockContention,
  memoryLeak,
  threadLeak,
] as CauseRule[];
