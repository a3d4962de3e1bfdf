import { clamp01, type CauseContext, type CauseRule } from '../types';

export const httpBodyNotClosed: CauseRule = {
  id: 'http-body-not-closed',
  title: 'HTTP response bodies are not read and closed; client connections pile up',
  fix:
    'Use one tuned http.Client with timeouts (Timeout, IdleConnTimeout, MaxIdleConnsPerHost) instead of the default client; after ' +
    'every request drain and close the body (`defer resp.Body.Close()`, `io.Copy(io.Discard, resp.Body)`); pass a context with a ' +
    'deadline to every call.',
  references: ['https://pkg.go.dev/net/http#Client.Do', 'https://blog.cloudflare.com/the-complete-guide-to-golang-net-http-timeouts/'],
  assess(ctx: CauseContext) {
    const leak = ctx.of('http-body-leak');
    if (leak.length === 0) return null;
    const reasoning = [leak[0]!.summary];
    let conf = 0.75;
    const used = ['http-body-leak'];
    if (ctx.has('slow-responses')) {
      conf += 0.05;
      used.push('slow-responses');
      reasoning.push(`Requests slowed down meanwhile: ${ctx.of('slow-responses')[0]!.summary}`);
    }
    const sockets = ['close-wait-accumulation', 'fd-growth'].filter((x) => ctx.has(x));
    if (sockets.length) {
      conf += 0.05;
      used.push(...sockets);
      reasoning.push('The sockets themselves pile up too (descriptor growth, CLOSE_WAIT toward the downstream): connections are opened per call and never reused or closed.');
    }
    if (ctx.has('goroutine-blocked')) {
      conf += 0.05;
      used.push('goroutine-blocked');
      reasoning.push('Workers are also left blocked (see goroutine-leak): callers gave up after a timeout while the calls they started kept running.');
    }
    return {
      confidence: clamp01(conf),
      summary: 'Each outbound HTTP call leaves its connection (two goroutines and a socket) behind, so memory, CPU and latency climb.',
      reasoning,
      findings: used,
      evidence: leak.flatMap((f) => f.evidence).slice(0, 4),
    };
  },
};
