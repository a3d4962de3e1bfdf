/** Every signature Rootline detects, in display order. One module each. */
import { dbConnectionRefused } from './db-connection-refused';
import { hikariBrokenConnection } from './hikari-broken-connection';
import { hikariLeak } from './hikari-leak';
import { hikariPoolSaturated } from './hikari-pool-saturated';
import { hikariPoolTimeout } from './hikari-pool-timeout';
import { hikariStarvation } from './hikari-starvation';
import { hikariValidationFailure } from './hikari-validation-failure';
import { http5xxBurst } from './http-5xx-burst';
import { jvmOutOfMemory } from './jvm-out-of-memory';
import { logSilenceGap } from './log-silence-gap';
import { nodeConnectionErrors } from './node-connection-errors';
import { nodeEmfile } from './node-emfile';
import { slowResponses } from './slow-responses';
import type { Signature } from './types';

export const SIGNATURES: readonly Signature[] = [
  hikariStarvation,
  hikariPoolTimeout,
  hikariLeak,
  hikariPoolSaturated,
  hikariValidationFailure,
  hikariBrokenConnection,
  dbConnectionRefused,
  jvmOutOfMemory,
  nodeEmfile,
  nodeConnectionErrors,
  http5xxBurst,
  slowResponses,
  logSilenceGap,
];

export type { Signature } from './types';
