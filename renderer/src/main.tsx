import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './app/app.css';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { storedLanguage } from './app/i18n';
import { theme } from './app/theme';

document.documentElement.lang = storedLanguage();
const colorSchemeManager = localStorageColorSchemeManager({ key: 'filing-inspector-color-scheme' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" colorSchemeManager={colorSchemeManager}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
