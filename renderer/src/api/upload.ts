import { ApiError, accessToken } from './client';

/**
 * Browser mode: sends a file's bytes to the loopback server (POST /upload), reporting progress,
 * and resolves to the upload id the import API takes. The desktop app passes paths instead.
 */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
    if (accessToken) xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    xhr.onload = () => {
      try {
        const envelope = JSON.parse(xhr.responseText) as { ok: true; value: { uploadId: string } } | { ok: false; error: { code: string; message: string } };
        if (envelope.ok) resolve(envelope.value.uploadId);
        else reject(new ApiError(envelope.error.code, envelope.error.message));
      } catch {
        reject(new ApiError('internal', `上传失败（HTTP ${xhr.status}）`));
      }
    };
    xhr.onerror = () => reject(new ApiError('internal', '上传失败：与本机服务的连接中断'));
    xhr.send(file);
  });
}
