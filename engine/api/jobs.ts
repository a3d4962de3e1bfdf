/** Long operations as jobs: progress, cancellation, and a typed result or error the faces can poll or subscribe to. */
import { randomUUID } from 'node:crypto';
import { RootlineError, type RootlineErrorCode } from './errors';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobState<P = unknown, R = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  progress: P | null;
  result: R | null;
  error: { code: RootlineErrorCode; message: string } | null;
  startedAt: number;
  endedAt: number | null;
}

type Listener = (state: JobState) => void;

export class Jobs {
  private readonly jobs = new Map<string, { state: JobState; controller: AbortController }>();
  private readonly listeners = new Set<Listener>();

  /** Runs `work` in the background; `report` updates the progress others see. */
  start<P, R>(kind: string, work: (signal: AbortSignal, report: (p: P) => void) => Promise<R>): JobState<P, R> {
    const controller = new AbortController();
    const state: JobState<P, R> = { id: randomUUID(), kind, status: 'running', progress: null, result: null, error: null, startedAt: Date.now(), endedAt: null };
    this.jobs.set(state.id, { state: state as JobState, controller });
    const emit = () => this.listeners.forEach((l) => l({ ...(state as JobState) }));
    work(controller.signal, (p) => {
      state.progress = p;
      emit();
    })
      .then((r) => {
        state.result = r;
        state.status = 'done';
      })
      .catch((e: unknown) => {
        const err = e instanceof RootlineError ? e : new RootlineError('internal', (e as Error)?.message ?? String(e));
        state.status = controller.signal.aborted || err.code === 'cancelled' ? 'cancelled' : 'failed';
        state.error = { code: err.code, message: err.message };
      })
      .finally(() => {
        state.endedAt = Date.now();
        emit();
      });
    return { ...state };
  }

  get(id: string): JobState {
    const j = this.jobs.get(id);
    if (!j) throw new RootlineError('not-found', `no job ${id}`);
    return { ...j.state };
  }

  cancel(id: string): JobState {
    const j = this.jobs.get(id);
    if (!j) throw new RootlineError('not-found', `no job ${id}`);
    j.controller.abort();
    return { ...j.state };
  }

  /** Waits until the job ends (used by tests and the CLI). */
  async wait(id: string): Promise<JobState> {
    for (;;) {
      const s = this.get(id);
      if (s.status !== 'running') return s;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
