import type { AppEvent, AppEventName, AppEvents } from '@shared/events';

type Listener = (event: AppEvent) => void;

/** In-process fan-out of push events to whichever doors are listening (IPC, HTTP stream, CLI). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<K extends AppEventName>(name: K, payload: AppEvents[K]): void {
    const event = { name, payload } as AppEvent;
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
