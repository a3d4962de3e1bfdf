/** Which runtime-specific hypotheses a walk keeps: a Node question only where Node (or nothing) is shown; JVM and Go questions as before. */
import { describe, expect, it } from 'vitest';
import { relevantTo } from './facts';
import type { Runtime } from './types';

const kept = (runtime: Runtime, shown: Runtime[]) => relevantTo({ runtime }, new Set(shown));

describe('relevantTo', () => {
  it('keeps the Node question in a Node bundle, a mixed Java + Node bundle, and one showing no runtime', () => {
    expect(kept('node', ['node'])).toBe(true);
    expect(kept('node', ['jvm', 'node'])).toBe(true);
    expect(kept('node', [])).toBe(true);
  });

  it('leaves it out of JVM and Go bundles', () => {
    expect(kept('node', ['jvm'])).toBe(false);
    expect(kept('node', ['go'])).toBe(false);
  });

  it('keeps JVM and Go questions in a Node-only bundle, as before Node was recognised, and drops each from the other', () => {
    expect(kept('jvm', ['node'])).toBe(true);
    expect(kept('go', ['node'])).toBe(true);
    expect(kept('jvm', ['go'])).toBe(false);
    expect(kept('go', ['jvm', 'node'])).toBe(false);
    expect(relevantTo({}, new Set<Runtime>(['jvm']))).toBe(true);
  });
});
