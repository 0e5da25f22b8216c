import { Badge, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import type { ProvisionDocumentSummary } from '@shared/api/provisions';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import classes from './provisions.module.css';

/** The documents of the library, each opening its reading view. */
export function DocumentList() {
  const { t } = useTranslation('provisions');
  const documents = useApiQuery(() => api.provisions.documents(), []);
  return (
    <QueryView query={documents}>
      {(docs) => (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" component="ul" aria-label={t('documents.label')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {docs.map((doc) => (
            <li key={doc.code}>
              <Card
                component={Link}
                href={`/${doc.code}`}
                withBorder
                padding="lg"
                h="100%"
                className="mantine-focus-auto"
                data-testid={`document-${doc.code}`}
              >
                <Group gap="xs" mb={6}>
                  <Badge variant="light" radius="sm">
                    {doc.code}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('documents.articles', { count: doc.articleCount })} · {t('documents.rules', { count: doc.ruleCount })}
                  </Text>
                </Group>
                <Title order={3} size="h4" className={classes.docTitle} mb={6}>
                  {doc.title}
                </Title>
                <Text size="sm">{doc.issuer}</Text>
                <DocumentDates doc={doc} />
              </Card>
            </li>
          ))}
        </SimpleGrid>
      )}
    </QueryView>
  );
}

export function DocumentDates({ doc }: { doc: Pick<ProvisionDocumentSummary, 'issuedOn' | 'effectiveOn' | 'publishedOn'> }) {
  const { t } = useTranslation('provisions');
  const dates = (['issuedOn', 'effectiveOn', 'publishedOn'] as const).filter((key) => doc[key] !== undefined);
  return (
    <Group gap="md" mt={4}>
      {dates.map((key) => (
        <Text key={key} size="sm" c="dimmed">
          {t(`dates.${key}`)} {doc[key]}
        </Text>
      ))}
    </Group>
  );
}
