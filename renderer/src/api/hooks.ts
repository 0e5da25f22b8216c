import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataChanged } from '@shared/events';
import type { ApiError } from './client';
import { useAppEvent } from './events';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | Error | null;
  loading: boolean;
  reload(): void;
}

/**
 * Runs an API call when its dependencies change, and again when the core reports that data in
 * one of `refreshOn` scopes changed. Stale responses of superseded calls are dropped.
 */
export function useApiQuery<T>(load: () => Promise<T>, deps: unknown[], refreshOn: DataChanged['scope'][] = []): QueryState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(() => {
    const current = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => current === generation.current && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        current === generation.current &&
        setState((s) => ({ data: s.data, error: error instanceof Error ? error : new Error(String(error)), loading: false })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(run, [run]);
  useAppEvent('data.changed', (change) => {
    if (refreshOn.includes(change.scope)) run();
  });
  return { ...state, reload: run };
}
