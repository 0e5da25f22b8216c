import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom lacks these; Mantine reads them.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

/** jsdom has no EventSource; pages subscribe to push events through it in browser mode. */
class EventSourceStub {
  constructor(readonly url: string) {}
  addEventListener() {}
  removeEventListener() {}
  close() {}
}
(globalThis as { EventSource?: unknown }).EventSource ??= EventSourceStub;

afterEach(() => cleanup());
