import { useCallback, useRef, useState } from 'react';
import type { JobProgress } from '@shared/events';
import { api } from './client';
import { useAppEvent } from './events';

/**
 * Runs one long API call (import, checks, export) as a job: it gets a client-made id so its
 * progress events can be followed, and it can be cancelled while it runs.
 */
export function useJob() {
  const current = useRef<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);

  useAppEvent('job.progress', (p) => {
    if (p.jobId === current.current) setProgress(p);
  });

  const run = useCallback(async <T,>(call: (jobId: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setJobId(id);
    setProgress(null);
    try {
      return await call(id);
    } finally {
      current.current = null;
      setJobId(null);
    }
  }, []);

  const cancel = useCallback(() => {
    if (current.current) void api.jobs.cancel({ jobId: current.current });
  }, []);

  return { run, cancel, progress, running: jobId !== null };
}
