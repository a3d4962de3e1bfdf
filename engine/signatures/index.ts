/** Every signature Rootline detects, in display order. One module each. */
import { dbConnectionRefused } from './log/db-connection-refused';
import { hikariBrokenConnection } from './log/hikari-broken-connection';
import { hikariLeak } from './log/hikari-leak';
import { hikariPoolSaturated } from './log/hikari-pool-saturated';
import { hikariPoolTimeout } from './log/hikari-pool-timeout';
import { hikariStarvation } from './log/hikari-starvation';
import { hikariValidationFailure } from './log/hikari-validation-failure';
import { http5xxBurst } from './log/http-5xx-burst';
import { jvmOutOfMemory } from './log/jvm-out-of-memory';
import { logSilenceGap } from './log/log-silence-gap';
import { nodeConnectionErrors } from './log/node-connection-errors';
import { nodeEmfile } from './log/node-emfile';
import { slowResponses } from './log/slow-responses';
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
