import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { JobProgress } from '@shared/events';
import type { EventBus } from './event-bus';

export type JobKind = JobProgress['kind'];

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Report progress; throttled so a hot loop may call it on every row. */
  progress(update: { phase: string; label: string; done: number; total?: number | null }): void;
  /** Throws a `cancelled` AppError if the job was cancelled: call between units of work. */
  throwIfCancelled(): void;
}

const PROGRESS_INTERVAL_MS = 200;

/**
 * Runs long work with progress events and cancellation. One registry per services instance,
 * so any door can cancel a job by id.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly bus: EventBus) {}

  async run<T>(kind: JobKind, work: (ctx: JobContext) => Promise<T>, jobId: string = randomUUID()): Promise<T> {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const startedAt = performance.now();
    let lastEmit = 0;
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: ({ phase, label, done, total = null }) => {
        const now = performance.now();
        if (now - lastEmit < PROGRESS_INTERVAL_MS && done !== total) return;
        lastEmit = now;
        const seconds = (now - startedAt) / 1000;
        this.bus.emit('job.progress', { jobId, kind, phase, label, done, total, rate: seconds > 0 ? done / seconds : null });
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('cancelled', '操作已取消');
      },
    };
    try {
      const result = await work(ctx);
      this.bus.emit('job.finished', { jobId, kind, outcome: 'succeeded', message: null });
      return result;
    } catch (error) {
      const cancelled = error instanceof AppError && error.code === 'cancelled';
      const message = error instanceof Error ? error.message : String(error);
      this.bus.emit('job.finished', { jobId, kind, outcome: cancelled ? 'cancelled' : 'failed', message });
      throw error;
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }
}
