import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appApiContract, methodList } from '@shared/api';
import { createTestServices } from '../core/test-support';
import { saveExport } from '../core/exports/downloads';
import { startBrowserServer, type BrowserServer } from './browser-server';

let env: Awaited<ReturnType<typeof createTestServices>>;
let server: BrowserServer;
let base: string;

beforeAll(async () => {
  env = await createTestServices('browser');
  const rendererDir = path.join(env.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>备案核查工作台</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(env.dir, 'secret.txt'), 'outside the renderer');
  server = await startBrowserServer({ services: env.services, rendererDir });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await env.cleanup();
});

/** Raw HTTP so the test controls Host and Origin headers exactly (fetch forbids setting Host). */
function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' });
const post = (method: string, body: string | undefined, headers: Record<string, string> = auth()) => request(`/api/${method}`, { method: 'POST', headers, body });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL with the per-launch token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the API with the bearer token', async () => {
    const res = await post('app.info', 'null');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { door: 'browser' } });
  });

  it.each([
    ['no token', { 'Content-Type': 'application/json' }],
    ['a wrong token', { Authorization: 'Bearer not-the-token', 'Content-Type': 'application/json' }],
  ])('refuses an API call with %s', async (_label, headers) => {
    const res = await post('app.info', 'null', headers);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a request from another Origin even with the token', async () => {
    const res = await post('app.info', 'null', { ...auth(), Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('evil.example');
  });

  it('refuses a request whose Host is not the loopback address (DNS rebinding)', async () => {
    const res = await request('/api/app.info', { method: 'POST', headers: { ...auth(), Host: `evil.example:${server.port}` }, body: 'null' });
    expect(res.status).toBe(403);
  });

  it('answers malformed JSON with an invalid_argument envelope', async () => {
    const res = await post('app.info', '{not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it.each(methodList(appApiContract).map((m) => m.path))('answers a malformed argument to %s with a validation envelope', async (method) => {
    const res = await post(method, JSON.stringify([['malformed']]));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('answers an unknown method with not_found', async () => {
    expect(JSON.parse((await post('nope.nothing', 'null')).body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves the page only with the token, then assets by the HttpOnly cookie it set', async () => {
    expect((await request('/')).status).toBe(401);
    const page = await request(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('备案核查工作台');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await request('/assets/app.js', { headers: { Cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
    expect((await request('/assets/app.js')).status).toBe(401);
  });

  it('never serves files outside the renderer folder', async () => {
    const cookie = `fi_token=${server.token}`;
    const res = await request('/..%2Fsecret.txt', { headers: { Cookie: cookie } });
    expect(res.body).not.toContain('outside the renderer');
  });

  it('streams push events to an authorised client', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(`${base}/events`, { headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          data += chunk;
          if (data.includes('event: data.changed')) {
            req.destroy();
            resolve(data);
          }
        });
        setTimeout(() => env.services.bus.emit('data.changed', { scope: 'filings', filingId: 3 }), 50);
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    });
    expect(received).toContain('"filingId":3');
  });

  it('stores an upload under the data folder and answers its id', async () => {
    const res = await request(`/upload?name=${encodeURIComponent('../../平台 备案.zip')}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}` }, body: 'PK-bytes' });
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ ok: true, value: { uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const stored = path.join(env.services.context.dataDir, 'uploads', body.value.uploadId, '平台 备案.zip');
    expect(fs.readFileSync(stored, 'utf8')).toBe('PK-bytes');
  });

  it('refuses an upload without the token', async () => {
    const res = await request('/upload?name=a.zip', { method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
  });

  it('serves a registered export as a download with its UTF-8 file name, only with the token', async () => {
    const record = saveExport(env.services.context, 'campaign', 'campaign:1', 'QL2024_专项行动统计表 "v1".xlsx', Buffer.from('PK-xlsx-bytes'));
    const page = await request(`/?token=${server.token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    const res = await request(`/download/${record.id}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.body).toBe('PK-xlsx-bytes');
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="QL2024_${'_'.repeat(7)} _v1_.xlsx"; filename*=UTF-8''QL2024_${encodeURIComponent('专项行动统计表')}%20%22v1%22.xlsx`,
    );
    expect((await request(`/download/${record.id}`, { headers: { Authorization: `Bearer ${server.token}` } })).status).toBe(200);
    expect((await request(`/download/${record.id}`)).status).toBe(401);
    expect((await request(`/download/${record.id}`, { headers: { Cookie: 'fi_token=wrong' } })).status).toBe(401);
  });

  it('answers 404 for an unknown export id and never resolves a path', async () => {
    const page = await request(`/?token=${server.token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await request('/download/00000000-0000-4000-8000-000000000000', { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await request('/download/..%2F..%2Fsecret.txt', { headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('refuses the event stream without the token', async () => {
    const res = await new Promise<number>((resolve) => http.get(`${base}/events`, (r) => { resolve(r.statusCode ?? 0); r.resume(); }));
    expect(res).toBe(401);
  });
});
