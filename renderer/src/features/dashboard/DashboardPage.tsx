import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <EmptyState
        title={tc('emptyWorkspace.title')}
        body={tc('emptyWorkspace.body')}
        actions={
          <Group>
            <Button component={Link} href="/import">
              {tc('emptyWorkspace.importAction')}
            </Button>
          </Group>
        }
      />
    </>
  );
}
