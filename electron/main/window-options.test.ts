import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl, secureWindowOptions } from './window-options';

describe('secureWindowOptions', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('isTrustedRendererUrl', () => {
  const index = 'file:///opt/app/out/renderer/index.html';
  it.each([
    ['file:///opt/app/out/renderer/index.html', true],
    ['file:///opt/app/out/renderer/index.html#/findings', true],
    ['file:///opt/app/out/renderer/other.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isTrustedRendererUrl(url, index)).toBe(expected);
  });

  it('trusts the dev server origin only when one is configured', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/#/audit', index, 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', index, 'http://localhost:5173')).toBe(false);
  });
});
