/** Percentile of an ascending-sorted array (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Counts per distinct value: the same percentiles as `percentile` over the sorted values, in memory
 * that grows with the number of distinct values (a service's response times in ms), not of values.
 */
export class ExactHistogram {
  private readonly counts = new Map<number, number>();
  private sorted: { keys: Float64Array; cum: Float64Array } | null = null;
  private n = 0;

  static of(values: Iterable<number>): ExactHistogram {
    const h = new ExactHistogram();
    for (const v of values) h.add(v);
    return h;
  }

  add(v: number): void {
    this.counts.set(v, (this.counts.get(v) ?? 0) + 1);
    this.n++;
    this.sorted = null;
  }

  get count(): number {
    return this.n;
  }

  /** As `percentile(sorted, p)`: the value at rank ceil(p% of n), clamped. */
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const s = (this.sorted ??= this.sort());
    const rank = Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1));
    let lo = 0;
    let hi = s.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.cum[mid]! > rank) hi = mid;
      else lo = mid + 1;
    }
    return s.keys[lo]!;
  }

  private sort(): { keys: Float64Array; cum: Float64Array } {
    const keys = Float64Array.from(this.counts.keys()).sort();
    const cum = new Float64Array(keys.length);
    let c = 0;
    for (let i = 0; i < keys.length; i++) cum[i] = c += this.counts.get(keys[i]!)!;
    return { keys, cum };
  }
}

export function sortedNumbers(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** P(X ≥ k) for X ~ Poisson(λ), summed in log space so that large λ and k stay finite. */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!; for k far above λ the complement loses precision, so sum the upper tail.
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 10_000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/**
 * Mann–Kendall trend test on a short series: S (concordant minus discordant pairs) and the one-sided
 * p-value of "no upward trend". Exact for n ≤ 10 by enumerating permutations' S distribution; normal
 * approximation with continuity correction above.
 */
export function mannKendall(values: readonly number[]): { s: number; p: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  if (n < 2) return { s, p: 1 };
  if (n <= 10) return { s, p: exactUpperTail(n, s) };
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : 0;
  return { s, p: 1 - normalCdf(z) };
}

/** Distribution of Kendall's S over all permutations of n distinct values (counts by inversions). */
const S_DIST = new Map<number, number[]>();
function exactUpperTail(n: number, s: number): number {
  let dist = S_DIST.get(n);
  if (!dist) {
    // Number of permutations of n with k inversions (Mahonian numbers); S = maxInv − 2·inversions.
    let counts = [1];
    for (let m = 2; m <= n; m++) {
      const next = new Array<number>(counts.length + m - 1).fill(0);
      for (let k = 0; k < counts.length; k++) for (let j = 0; j < m; j++) next[k + j]! += counts[k]!;
      counts = next;
    }
    dist = counts;
    S_DIST.set(n, dist);
  }
  const maxInv = (n * (n - 1)) / 2;
  const total = dist.reduce((a, b) => a + b, 0);
  let tail = 0;
  for (let inv = 0; inv <= maxInv; inv++) if (maxInv - 2 * inv >= s) tail += dist[inv]!;
  return tail / total;
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erf; accurate to 1.5e-7, plenty for a significance test.
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
