import { MantineProvider } from '@mantine/core';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as ClientModule from '../api/client';

// An empty workspace: the shell must say what to do next.
vi.mock('../api/client', async (importOriginal) => {
  const original = await importOriginal<typeof ClientModule>();
  return { ...original, api: { ...original.api, filings: { ...original.api.filings, list: async () => [] } } };
});
import { App } from './App';
import { setLanguage } from './i18n';
import { SECTIONS } from './sections';
import { theme } from './theme';

function renderApp() {
  return render(
    <MantineProvider theme={theme}>
      <App />
    </MantineProvider>,
  );
}

afterEach(() => {
  act(() => setLanguage('zh-CN'));
  window.location.hash = '';
});

describe('App shell', () => {
  it('lists the nine sections in Chinese, in order', () => {
    renderApp();
    const labels = SECTIONS.map((s) => screen.getByTestId(`nav-${s.navKey}`).textContent);
    expect(labels).toEqual(['工作台', '导入', '核查发现', '账号与主体', 'MCN与矩阵', '专项行动', '条款库', '审计日志', '设置']);
  });

  it('shows the dashboard first, offering import and the sample for an empty workspace', async () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 2, name: '工作台' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: '导入备案数据包' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '载入示例数据' })).toBeTruthy();
  });

  it('switches the whole shell to English', () => {
    renderApp();
    act(() => setLanguage('en'));
    expect(screen.getByTestId('nav-findings').textContent).toBe('Findings');
    expect(document.documentElement.lang).toBe('en');
  });

  it('navigates by hash when a section is chosen', async () => {
    renderApp();
    fireEvent.click(screen.getByTestId('nav-audit'));
    expect(window.location.hash).toBe('#/audit');
  });
});
