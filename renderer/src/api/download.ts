import { isDesktop } from './client';

/**
 * Hands an exported file (registered by the core under an opaque id) to the inspector:
 * the desktop app asks where to save it (native dialog); browser mode downloads it from the
 * loopback server, the HttpOnly cookie carrying the token.
 */
export async function deliverExport(exportId: string, fileName: string): Promise<'saved' | 'cancelled' | 'downloading'> {
  if (isDesktop) return (await window.desktop!.saveExport(exportId)) ? 'saved' : 'cancelled';
  const link = document.createElement('a');
  link.href = `/download/${encodeURIComponent(exportId)}`;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  return 'downloading';
}
