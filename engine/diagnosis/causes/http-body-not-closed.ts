/**
 * Outbound HTTP responses are not closed. Its own evidence: net/http persistConn goroutines that grow
 * and stay. It explains the sockets and descriptors those connections hold, and the slow requests meanwhile.
 */
import type { EvidenceRef } from '../../model/evidence';
import { HTTP_BODY_LEAK } from '../../signatures/go/http-body-leak';
import { GOROUTINE_BLOCKED } from '../../signatures/go/goroutine-blocked';
import { CLOSE_WAIT_ACCUMULATION } from '../../signatures/net/close-wait-accumulation';
import { FD_GROWTH, isSocketGrowth } from '../../signatures/net/fd-growth';
import { SLOW_RESPONSES } from '../../signatures/log/slow-responses';
import { overlaps } from '../time';
import { clamp01, STRENGTH, type CauseRule, type Window } from '../types';
import { spans, isFailedRequest } from './helpers';

interface State {
  windows: Window[];
  pids: Set<string>;
}

export const httpBodyNotClosed: CauseRule<State> = {
  id: 'http-body-not-closed',
  title: 'HTTP response bodies are not read and closed; client connections pile up',
  fix:
    'Use one tuned http.Client with timeouts (Timeout, IdleConnTimeout, MaxIdleConnsPerHost) instead of the default client; after ' +
    'every request drain and close the body (`defer resp.Body.Close()`, `io.Copy(io.Discard, resp.Body)`); pass a context with a ' +
    'deadline to every call.',
  references: ['https://pkg.go.dev/net/http#Client.Do', 'https://blog.cloudflare.com/the-complete-guide-to-golang-net-http-timeouts/'],

  candidates(ctx) {
    const own = ctx.items(HTTP_BODY_LEAK);
    if (own.length === 0) return [];
    const windows = spans(own);
    return [{ own, windows, prior: 0.75, state: { windows, pids: new Set(own.map((o) => o.occ.process).filter((p): p is string => !!p)) } }];
  },

  explains(c, it) {
    const during = c.state.windows.some((w) => overlaps(it.occ, w));
    if (!during) return null;
    // The descriptors that pile up in the same process are those connections.
    // Sockets only: files or pipes that grow in the same process are another leak (file-leak).
    const sockets = it.sig === CLOSE_WAIT_ACCUMULATION || (it.sig === FD_GROWTH && isSocketGrowth(it.finding.data));
    if (sockets && (!it.occ.process || c.state.pids.has(it.occ.process))) {
      return { strength: STRENGTH.specific, reason: 'the connections left open are these sockets' };
    }
    if (isFailedRequest(it)) return { strength: STRENGTH.inside, reason: 'it happened while client connections piled up' };
    return null;
  },

  conclude(_c, got) {
    const leak = got.of(HTTP_BODY_LEAK);
    if (leak.length === 0) return null;
    const reasoning = [leak[0]!.finding.summary];
    const evidence: EvidenceRef[] = leak.flatMap((f) => f.finding.evidence).slice(0, 4);
    let conf = 0.75;
    const slow = got.of(SLOW_RESPONSES);
    if (slow.length) {
      conf += 0.05;
      reasoning.push(`Requests slowed down meanwhile: ${slow[0]!.finding.summary}`);
    }
    const sockets = [...got.of(CLOSE_WAIT_ACCUMULATION), ...got.of(FD_GROWTH)];
    if (sockets.length) {
      conf += 0.05;
      reasoning.push('The sockets themselves pile up too (descriptor growth, CLOSE_WAIT toward the downstream): connections are opened per call and never reused or closed.');
      evidence.push(...sockets.flatMap((s) => s.finding.evidence).slice(0, 2));
    }
    if (got.explained.some((e) => e.cause === 'goroutine-leak') || got.of(GOROUTINE_BLOCKED).length) {
      reasoning.push('Workers are also left blocked (see goroutine-leak): callers gave up after a timeout while the calls they started kept running.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Each outbound HTTP call leaves its connection (two goroutines and a socket) behind, so memory, CPU and latency climb.',
      reasoning,
      evidence,
    };
  },
};
