import { describe, expect, it } from 'vitest';
import { oomKind } from './oom-kinds';

describe('oomKind', () => {
  // Messages as HotSpot and the JDK print them, JDK 8 to 21 (see oom-kinds.ts for where each comes from).
  it.each([
    ['Java heap space', 'heap'],
    ['Java heap space: failed reallocation of scalar replaced objects', 'heap'],
    ['GC overhead limit exceeded', 'gc-overhead'],
    ['Metaspace', 'metaspace'],
    ['PermGen space', 'metaspace'],
    ['Compressed class space', 'compressed-class-space'],
    ['unable to create new native thread', 'native-thread'],
    ['unable to create native thread: possibly out of memory or process/resource limits reached', 'native-thread'],
    ['Requested array size exceeds VM limit', 'array-size'],
    ['Direct buffer memory', 'direct-buffer'],
    ['Cannot reserve 1048576 bytes of direct buffer memory (allocated: 99622912, limit: 100663296)', 'direct-buffer'],
    ['Map failed', 'mapped-file'],
    ['OutOfMemoryError', 'other'],
  ])('%s → %s', (message, kind) => {
    expect(oomKind(message)).toBe(kind);
  });
});
