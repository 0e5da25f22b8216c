import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** What a section shows when it has nothing yet: what it is for, and the next step. */
export function EmptyState({ title, body, actions, icon }: { title: string; body: string; actions?: ReactNode; icon?: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py={64} data-testid="empty-state" maw={560} mx="auto" ta="center">
      <ThemeIcon size={56} radius="xl" variant="light">
        {icon ?? <IconInbox size={30} />}
      </ThemeIcon>
      <Title order={3}>{title}</Title>
      <Text c="dimmed">{body}</Text>
      {actions}
    </Stack>
  );
}
