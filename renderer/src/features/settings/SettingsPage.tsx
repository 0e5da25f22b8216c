import { Card, Code, Group, SegmentedControl, Stack, Table, Text, Title, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { setLanguage, type Language } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { ReferenceDataCard } from './ReferenceDataCard';

export function SettingsPage() {
  const { t, i18n } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const info = useApiQuery(() => api.app.info(), []);

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Stack gap="lg" maw={960}>
        <Card withBorder>
          <Title order={4} mb="md">
            {t('appearance')}
          </Title>
          <Group gap="xl">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="language-label">
                {tc('language.label')}
              </Text>
              <SegmentedControl
                aria-labelledby="language-label"
                value={i18n.language}
                onChange={(value) => setLanguage(value as Language)}
                data={[
                  { value: 'zh-CN', label: tc('language.zh') },
                  { value: 'en', label: tc('language.en') },
                ]}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="theme-label">
                {tc('theme.toggle')}
              </Text>
              <SegmentedControl
                aria-labelledby="theme-label"
                value={colorScheme === 'dark' ? 'dark' : 'light'}
                onChange={(value) => setColorScheme(value as 'light' | 'dark')}
                data={[
                  { value: 'light', label: tc('theme.light') },
                  { value: 'dark', label: tc('theme.dark') },
                ]}
              />
            </Stack>
          </Group>
        </Card>
        <ReferenceDataCard />
        <Card withBorder>
          <Title order={4} mb="md">
            {t('workspace')}
          </Title>
          <QueryView query={info}>
            {(data) => (
              <Table variant="vertical" layout="fixed">
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th w={180}>{t('workspacePath')}</Table.Th>
                    <Table.Td>
                      <Code>{data.workspacePath}</Code>
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('version')}</Table.Th>
                    <Table.Td>{data.version}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('schema')}</Table.Th>
                    <Table.Td>{data.schemaVersion}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th>{t('door')}</Table.Th>
                    <Table.Td>{t(`doors.${data.door}`)}</Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            )}
          </QueryView>
          <Text size="sm" c="dimmed" mt="sm">
            {t('workspaceHint')}
          </Text>
        </Card>
      </Stack>
    </>
  );
}
