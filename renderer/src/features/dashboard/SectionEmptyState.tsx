import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

type SectionKey = 'findings' | 'profiles' | 'network' | 'campaigns' | 'provisions';

/** A section with nothing to show yet: what it will show, and the step that fills it. */
export function SectionEmptyState({ section }: { section: SectionKey }) {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  return (
    <>
      <PageHeader title={tc(`nav.${section}`)} />
      <EmptyState
        title={t(`sections.${section}.title`)}
        body={t(`sections.${section}.body`)}
        actions={
          <Button component={Link} href="/import" variant="light">
            {t('goImport')}
          </Button>
        }
      />
    </>
  );
}
