import { Alert, Button, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryState } from '../api/hooks';

/** Loading, error (with retry) and data states of one API query, rendered the same way everywhere. */
export function QueryView<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.error && query.data === undefined) {
    return (
      <Alert color="red" title={t('error')} role="alert">
        {query.error.message}
        <Button variant="subtle" size="xs" ml="sm" onClick={query.reload}>
          {t('retry')}
        </Button>
      </Alert>
    );
  }
  if (query.data === undefined) {
    return (
      <Center py="xl" aria-busy="true">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  return <>{children(query.data)}</>;
}
