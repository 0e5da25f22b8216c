import { ActionIcon, AppShell, Badge, Burger, Center, Group, Loader, NavLink, ScrollArea, SegmentedControl, Text, Title, Tooltip, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { navigate, useHashLocation } from 'wouter/use-hash-location';
import { isDesktop } from '../api/client';
import { EmptyState } from '../components/EmptyState';
import { setLanguage, type Language } from './i18n';
import { SECTIONS } from './sections';

/*
 * Hash routing (works from file:// and from the loopback server alike). Query parameters live in
 * location.search, read with wouter's useSearchParams(); a link without a query clears it, so the
 * filters of one visit never leak into the next.
 */
const navigateClearingSearch: typeof navigate = (to, options) => navigate(to.includes('?') ? to : `${to}?`, options);
function useAppLocation(): [string, typeof navigate] {
  const [location] = useHashLocation();
  return [location, navigateClearingSearch];
}
useAppLocation.hrefs = (href: string) => `#${href}`;

export function App() {
  return (
    <Router hook={useAppLocation}>
      <Shell />
    </Router>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="menu" />
            <Title order={1} size="h4">
              {t('appName')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('appNameEn')}
            </Text>
            <Badge variant="light" color={isDesktop ? 'indigo' : 'gray'} data-testid="door-badge">
              {isDesktop ? t('desktopMode') : t('browserMode')}
            </Badge>
          </Group>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              aria-label={t('language.label')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'zh-CN', label: '中' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Tooltip label={t('theme.toggle')}>
              <ActionIcon variant="default" size="lg" onClick={toggleColorScheme} aria-label={t('theme.toggle')}>
                {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('appName')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {SECTIONS.map((section) => (
              <NavLink
                key={section.path}
                component={Link}
                href={section.path}
                label={t(`nav.${section.navKey}`)}
                leftSection={section.icon}
                active={section.path === '/' ? location === '/' : location.startsWith(section.path)}
                onClick={close}
                data-testid={`nav-${section.navKey}`}
              />
            ))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t('loading')} />
            </Center>
          }
        >
          <Switch>
            {SECTIONS.map((section) => (
              <Route key={section.path} path={section.path} nest={section.path !== '/'} component={section.component} />
            ))}
            <Route>
              <EmptyState
                title={t('notFound')}
                body={location}
                actions={
                  <Link href="/" className="mantine-focus-auto">
                    {t('backHome')}
                  </Link>
                }
              />
            </Route>
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
