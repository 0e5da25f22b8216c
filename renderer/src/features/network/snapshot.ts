/**
 * The view as a PNG: sigma draws on stacked canvases (WebGL edges and nodes, 2D labels). They
 * are drawn onto one white canvas right after a synchronous render, while the WebGL drawing
 * buffers still hold the frame (sigma does not preserve them between frames).
 */
export function sigmaToPng(renderer: { refresh(): unknown; getCanvases(): Record<string, HTMLCanvasElement> }): Promise<Blob> {
  renderer.refresh();
  const layers = renderer.getCanvases();
  const first = Object.values(layers)[0];
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const [id, canvas] of Object.entries(layers)) {
    if (id === 'mouse') continue;
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法生成图片'))), 'image/png'));
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadBase64(base64: string, fileName: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  downloadBlob(new Blob([bytes], { type }), fileName);
}
