/** Which runtime-specific hypotheses a walk keeps: a Node question only where Node (or nothing) is shown; JVM and Go questions as before. */
import { describe, expect, it } from 'vitest';
import { CHECKS } from './checks';
import { relevantTo } from './facts';
import { SYMPTOMS } from './symptoms';
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

describe('checks of a hypothesis that spans runtimes', () => {
  it('keeps only the Go questions of the busy-loop hypothesis in a Go bundle, and only the Java ones in a JVM bundle', () => {
    const busy = SYMPTOMS.flatMap((s) => s.hypotheses).find((h) => h.id === 'busy-loop')!;
    const asked = (shown: Runtime[]) => busy.checks.filter((c) => relevantTo(c, new Set(shown))).map((c) => c.id);
    expect(asked(['go'])).toContain(CHECKS.busyGoroutines.id);
    expect(asked(['go'])).not.toContain(CHECKS.busyThreads.id);
    expect(asked(['jvm'])).toContain(CHECKS.busyThreads.id);
    expect(asked(['jvm'])).not.toContain(CHECKS.busyGoroutines.id);
    // A CPU profile answers for either runtime.
    expect(asked(['go'])).toContain(CHECKS.cpuProfile.id);
    expect(asked(['jvm'])).toContain(CHECKS.cpuProfile.id);
  });
});
