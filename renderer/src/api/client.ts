import { appApiContract, methodList, type AppApi, type ResultEnvelope } from '@shared/api';
import { APP_EVENT_NAMES, type AppEvent } from '@shared/events';

/** What the Electron preload exposes (electron/preload): one function per contract method, returning the envelope. */
export interface DesktopBridge {
  api: Record<string, Record<string, (args: unknown) => Promise<ResultEnvelope<unknown>>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  onNavigate(listener: (route: string) => void): () => void;
  /** Native open dialog: a package zip, a package folder, or a reference file (CSV/XLSX). */
  pickSource(kind: 'package-file' | 'package-folder' | 'reference-file'): Promise<string | null>;
  /** Asks where to save an exported file and copies it there; false when the inspector cancels. */
  saveExport(exportId: string): Promise<boolean>;
}

declare global {
  interface Window {
    desktop?: DesktopBridge;
  }
}

/** An error envelope surfaced as an exception, keeping the code and details. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Transport = (path: string, args: unknown) => Promise<ResultEnvelope<unknown>>;

const TOKEN_KEY = 'filing-inspector-token';

/** The browser-mode token arrives once in the URL; keep it for this tab and take it out of the address bar. */
export function takeTokenFromUrl(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

function httpTransport(token: string | null): Transport {
  return async (path, args) => {
    const response = await fetch(`/api/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(args ?? null),
    });
    return (await response.json()) as ResultEnvelope<unknown>;
  };
}

/** Builds `api.feature.method(args)` from the contract's method list over either transport. */
export function buildApi(transport: Transport): AppApi {
  const api: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {};
  for (const { feature, method, path } of methodList(appApiContract)) {
    api[feature] ??= {};
    api[feature][method] = async (args?: unknown) => {
      const envelope = await transport(path, args);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
      return envelope.value;
    };
  }
  return api as unknown as AppApi;
}

export const isDesktop = typeof window !== 'undefined' && window.desktop !== undefined;

/** The browser-mode access token (null in the desktop app). */
export const accessToken: string | null = !isDesktop && typeof window !== 'undefined' ? takeTokenFromUrl() : null;

export const api: AppApi = buildApi(
  isDesktop
    ? (path, args) => {
        const [feature, method] = path.split('.');
        return window.desktop!.api[feature][method](args);
      }
    : httpTransport(accessToken),
);

/** Push events: the preload's event channel in Electron, the server's event stream in browser mode. */
export function subscribeEvents(listener: (event: AppEvent) => void): () => void {
  if (isDesktop) return window.desktop!.onEvent(listener);
  const source = new EventSource('/events');
  const handlers = APP_EVENT_NAMES.map((name) => {
    const handler = (message: MessageEvent<string>) => listener({ name, payload: JSON.parse(message.data) } as AppEvent);
    source.addEventListener(name, handler);
    return handler;
  });
  return () => {
    APP_EVENT_NAMES.forEach((name, i) => source.removeEventListener(name, handlers[i]));
    source.close();
  };
}
