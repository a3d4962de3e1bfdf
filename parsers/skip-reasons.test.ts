import { describe, expect, it } from 'vitest';
import { isStructuralSkip } from './skip-reasons';

describe('isStructuralSkip', () => {
  it('separates layout lines from lines a parser could not read', () => {
    for (const r of ['blank line', 'blank line between records', 'column header', 'shell command (other tool)', 'shell prompt (other command)', 'comment line', 'ls total line']) {
      expect(isStructuralSkip(r), r).toBe(true);
    }
    for (const r of ['not an lsof row', 'invalid JSON at column 17', 'function line outside a goroutine (trace starts mid-stack or is interleaved)']) {
      expect(isStructuralSkip(r), r).toBe(false);
    }
  });
});
