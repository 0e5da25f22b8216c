import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Offered while the workspace is empty, so a first start shows a working inspection at once. */
export function SampleOffer({ onLoad, loading = false }: { onLoad(): void; loading?: boolean }) {
  const { t } = useTranslation('import');
  return (
    <Card withBorder bg="var(--mantine-color-orange-light)" data-testid="sample-offer">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={4}>
          <Title order={4}>{t('sample.offerTitle')}</Title>
          <Text size="sm">{t('sample.offerBody')}</Text>
        </Stack>
        <Button leftSection={<IconFlask size={16} />} color="orange" onClick={onLoad} loading={loading}>
          {t('sample.action')}
        </Button>
      </Group>
    </Card>
  );
}
