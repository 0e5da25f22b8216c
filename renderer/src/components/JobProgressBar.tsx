import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobProgress } from '@shared/events';
import { useTranslation } from 'react-i18next';

/** The live state of a running job: what it is doing, how far, how fast, and a way to stop it. */
export function JobProgressBar({ progress, onCancel, cancelLabel }: { progress: JobProgress | null; onCancel?: () => void; cancelLabel: string }) {
  const { i18n } = useTranslation();
  const format = (n: number) => Math.round(n).toLocaleString(i18n.language);
  const ratio = progress?.total ? Math.min(100, (progress.done / progress.total) * 100) : null;
  return (
    <Stack gap={6} data-testid="job-progress" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {progress?.label ?? '…'}
        </Text>
        <Group gap="md">
          {progress && (
            <Text size="sm" c="dimmed">
              {progress.total ? `${format(progress.done)} / ${format(progress.total)}` : format(progress.done)}
              {progress.rate ? ` · ${format(progress.rate)}/s` : ''}
            </Text>
          )}
          {onCancel && (
            <Button size="xs" variant="light" color="red" onClick={onCancel}>
              {cancelLabel}
            </Button>
          )}
        </Group>
      </Group>
      <Progress value={ratio ?? 100} animated={ratio === null || ratio < 100} striped={ratio === null} aria-label={progress?.label ?? cancelLabel} />
    </Stack>
  );
}
