import { useEffect, useRef } from 'react';
import type { AppEvent, AppEventName, AppEvents } from '@shared/events';
import { subscribeEvents } from './client';

type Listener = (event: AppEvent) => void;
const listeners = new Set<Listener>();
let unsubscribe: (() => void) | null = null;

/** One connection to the push channel for the whole UI, opened with the first listener. */
function addListener(listener: Listener): () => void {
  listeners.add(listener);
  unsubscribe ??= subscribeEvents((event) => listeners.forEach((l) => l(event)));
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

export function useAppEvent<K extends AppEventName>(name: K, handler: (payload: AppEvents[K]) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(
    () =>
      addListener((event) => {
        if (event.name === name) ref.current(event.payload as AppEvents[K]);
      }),
    [name],
  );
}
