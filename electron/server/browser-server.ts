import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../core/dispatch';
import { findExport } from '../core/exports/downloads';
import { saveUpload } from '../core/uploads';
import type { Services } from '../core/services';
import { CONTENT_SECURITY_POLICY } from '../core/security-policy';

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  services: Services;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;
const MAX_UPLOAD = 16 * 2 ** 30;
const COOKIE = 'fi_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * Browser mode: the same renderer and the same API as the desktop app, from the same core,
 * on 127.0.0.1 only. Every request must carry the per-launch token (API: Bearer header;
 * page and assets: the HttpOnly cookie set when the page is opened with ?token=…), and
 * requests from any other Origin or Host are refused, so other sites and other local users'
 * browsers cannot drive the workstation.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const eventClients = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[browser-server]', error);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: '服务器内部错误' } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuse(res, 403, 'forbidden', '拒绝：Host 不是本机地址');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse(res, 403, 'forbidden', `拒绝来自其他来源的请求：${origin}`);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_argument', '接口只接受 POST');
      if (!tokenMatches(bearer(req))) return refuse(res, 401, 'forbidden', '缺少或错误的访问令牌');
      const body = await readBody(req, MAX_JSON_BODY);
      if (body === null) return refuse(res, 413, 'invalid_argument', '请求体过大');
      let args: unknown;
      try {
        args = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'invalid_argument', '请求体不是合法的 JSON');
      }
      // JSON has no undefined: null stands for "no argument".
      const result = await dispatch(options.services, url.pathname.slice('/api/'.length), args === null ? undefined : args);
      return send(res, 200, result);
    }

    if (url.pathname === '/upload') {
      // The browser cannot hand the core a path: packages and reference files arrive as bytes.
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_argument', '上传只接受 POST');
      if (!tokenMatches(bearer(req))) return refuse(res, 401, 'forbidden', '缺少或错误的访问令牌');
      const name = url.searchParams.get('name');
      if (!name) return refuse(res, 400, 'invalid_argument', '上传缺少文件名（?name=…）');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD) return refuse(res, 413, 'invalid_argument', `文件过大：超过 ${MAX_UPLOAD / 2 ** 30} GiB 上限`);
      const { uploadId } = await saveUpload(options.services.context.dataDir, name, req);
      return send(res, 200, { ok: true, value: { uploadId } });
    }

    if (url.pathname.startsWith('/download/')) {
      // Generated files (exports) by their opaque id; the page's link carries the HttpOnly cookie.
      if (req.method !== 'GET') return refuse(res, 405, 'invalid_argument', '下载只接受 GET');
      if (!tokenMatches(bearer(req) ?? cookieToken(req))) return refuse(res, 401, 'forbidden', '缺少或错误的访问令牌');
      const record = findExport(options.services.context, url.pathname.slice('/download/'.length));
      if (!record) return refuse(res, 404, 'not_found', '要下载的文件不存在或已被清理，请重新导出');
      res.writeHead(200, {
        'Content-Type': DOWNLOAD_MIME[path.extname(record.fileName)] ?? 'application/octet-stream',
        'Content-Length': record.bytes,
        'Content-Disposition': contentDisposition(record.fileName),
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(record.path).pipe(res);
      return;
    }

    if (url.pathname === '/events') {
      if (!tokenMatches(bearer(req) ?? cookieToken(req))) return refuse(res, 401, 'forbidden', '缺少或错误的访问令牌');
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventClients.add(res);
      req.on('close', () => eventClients.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid_argument', '不支持的请求方法');
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && tokenMatches(queryToken)) {
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    } else if (!tokenMatches(cookieToken(req))) {
      return refuse(res, 401, 'forbidden', '请使用启动时打印的完整地址（含 ?token=…）打开工作台');
    }
    return serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    const relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(rendererDir, relative);
    const inside = file === rendererDir || file.startsWith(rendererDir + path.sep);
    const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(rendererDir, 'index.html');
    if (!fs.existsSync(target)) return refuse(res, 500, 'internal', `界面尚未构建：${rendererDir} 中没有 index.html（先运行 npm run build）`);
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
    });
    fs.createReadStream(target).pipe(res);
  }

  function tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  const unsubscribe = options.services.bus.subscribe((event) => {
    const frame = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const client of eventClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of eventClients) client.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of eventClients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const DOWNLOAD_MIME: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

/** RFC 6266: an ASCII fallback name for old clients, the real (Chinese) name as UTF-8 in filename*. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function bearer(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

function cookieToken(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return null;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}
