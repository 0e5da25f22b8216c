import { Alert, Anchor, Badge, Box, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ProvisionArticleView, ProvisionDocumentView } from '@shared/api/provisions';
import type { DocCode } from '@shared/domain/provisions';
import { Fragment, useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRouter } from 'wouter';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { QueryView } from '../../components/QueryView';
import { DocumentDates } from './DocumentList';
import { RuleLink } from './RuleLink';
import classes from './provisions.module.css';

/** The article a provision id belongs to: GZ2021/18/1/4 → GZ2021/18. */
function articleOf(id: string): string {
  return id.split('/').slice(0, 2).join('/');
}

/** The href of a provision inside this nest, as the router writes it (`#/provisions/GZ2021#GZ2021/8`). */
function useProvisionHref(code: DocCode): (id: string) => string {
  const router = useRouter();
  return (id) => router.hrefs(`${router.base}/${code}#${id}`, router);
}

/** One document read article by article, each with the rules implementing it. */
export function DocumentReader({ code, anchor, filingId }: { code: DocCode; anchor: string | undefined; filingId: number | undefined }) {
  const { t } = useTranslation('provisions');
  const [, navigate] = useLocation();
  const doc = useApiQuery(() => api.provisions.document({ code, filingId }), [code, filingId], ['findings']);
  const documents = useApiQuery(() => api.provisions.documents(), []);
  const [targeted, setTargeted] = useState<string | undefined>(undefined);
  const revealed = useRef<string | undefined>(undefined);

  const reveal = useCallback((id: string) => {
    const element = document.getElementById(id);
    if (element === null) return;
    element.scrollIntoView?.({ block: 'start' });
    // Focus moves to the article so that Tab continues from where the reader now is.
    const article = element.closest('article') ?? element;
    article.focus({ preventScroll: true });
    setTargeted(id);
  }, []);

  // Deep links (`/provisions/GZ2021#GZ2021/8`) scroll once the text is there; refreshes of the
  // counts must not yank the reader back.
  useEffect(() => {
    if (doc.data === undefined || anchor === undefined || revealed.current === anchor) return;
    revealed.current = anchor;
    reveal(anchor);
  }, [doc.data, anchor, reveal]);

  const goTo = (id: string) => {
    revealed.current = id;
    navigate(`/${code}#${id}`, { replace: true });
    reveal(id);
  };

  const anchorMissing =
    doc.data !== undefined && anchor !== undefined && !doc.data.articles.some((a) => a.id === articleOf(anchor));

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Anchor component={Link} href="/" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('reader.back')}
          </Group>
        </Anchor>
        <Group gap="sm">
          <Select
            aria-label={t('reader.switchDocument')}
            size="xs"
            w={260}
            allowDeselect={false}
            value={code}
            data={(documents.data ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.title}` }))}
            onChange={(value) => value !== null && value !== code && navigate(`/${value}`)}
          />
          <Select
            aria-label={t('reader.jumpTo')}
            placeholder={t('reader.jumpTo')}
            size="xs"
            w={220}
            searchable
            value={null}
            data={(doc.data?.articles ?? []).map((a) => ({ value: a.id, label: jumpLabel(a) }))}
            onChange={(value) => value !== null && goTo(value)}
          />
        </Group>
      </Group>
      <QueryView query={doc}>
        {(data) => (
          <>
            {anchorMissing && (
              <Alert color="yellow" mb="md" role="status">
                {t('reader.notFound', { id: anchor })}
              </Alert>
            )}
            <DocumentHead doc={data} filingId={filingId} />
            <div className={classes.reader}>
              <TableOfContents doc={data} current={targeted === undefined ? undefined : articleOf(targeted)} onGo={goTo} />
              <div>
                {data.preamble.length > 0 && (
                  <section aria-label={t('reader.preamble')} className={classes.prose}>
                    {data.preamble.map((text, i) => (
                      // An addressee line (…：) stands flush left, as in the printed notice.
                      <p key={i} style={i === 0 && text.endsWith('：') ? { textIndent: 0 } : undefined}>
                        {text}
                      </p>
                    ))}
                  </section>
                )}
                {data.articles.map((article, i) => (
                  <Fragment key={article.id}>
                    {article.chapter !== undefined && article.chapter !== data.articles[i - 1]?.chapter && (
                      <h4 className={classes.chapter}>{article.chapter}</h4>
                    )}
                    <ArticleView article={article} code={code} filingId={filingId} targeted={targeted} onGo={goTo} />
                  </Fragment>
                ))}
                {data.closing.length > 0 && (
                  <section aria-label={t('reader.closing')} className={classes.prose} style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
                    {data.closing.map((text, i) => (
                      <p key={i}>{text}</p>
                    ))}
                  </section>
                )}
              </div>
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}

function jumpLabel(article: ProvisionArticleView): string {
  const hint = article.heading ?? article.clauses[0].text;
  return `${article.label} ${hint.length > 16 ? `${hint.slice(0, 16)}…` : hint}`;
}

function DocumentHead({ doc, filingId }: { doc: ProvisionDocumentView; filingId: number | undefined }) {
  const { t } = useTranslation('provisions');
  return (
    <Stack gap={4} mb="lg">
      <Group gap="xs">
        <Badge variant="light" radius="sm">
          {doc.code}
        </Badge>
        <Text size="sm">{doc.issuer}</Text>
      </Group>
      <Title order={3} size="h3" className={classes.docTitle}>
        {doc.title}
      </Title>
      <DocumentDates doc={doc} />
      {doc.documentRules.length > 0 && (
        <Paper withBorder p="sm" mt="sm" maw="58rem">
          <Text size="sm" fw={600} mb="xs">
            {t('reader.documentRules')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {doc.documentRules.map((rule) => (
              <RuleLink key={rule.id} rule={rule} filingId={filingId} />
            ))}
          </SimpleGrid>
        </Paper>
      )}
    </Stack>
  );
}

function TableOfContents({ doc, current, onGo }: { doc: ProvisionDocumentView; current: string | undefined; onGo: (id: string) => void }) {
  const { t } = useTranslation('provisions');
  const hrefOf = useProvisionHref(doc.code);
  return (
    <nav className={classes.toc} aria-label={t('reader.contents')}>
      {doc.articles.map((article, i) => (
        <Fragment key={article.id}>
          {article.chapter !== undefined && article.chapter !== doc.articles[i - 1]?.chapter && (
            <div className={classes.tocChapter}>{article.chapter}</div>
          )}
          <a
            href={hrefOf(article.id)}
            className={`${classes.tocLink} mantine-focus-auto`}
            aria-current={current === article.id ? 'location' : undefined}
            onClick={(event) => followAnchor(event, article.id, onGo)}
          >
            {article.label}
            {article.rules.length > 0 && (
              <Text span size="xs" c="dimmed" ml={6} title={t('reader.ruleCount', { count: article.rules.length })}>
                ·{article.rules.length}
              </Text>
            )}
          </a>
        </Fragment>
      ))}
    </nav>
  );
}

/** Plain clicks stay in the page; modified clicks (new window, copy link) keep the browser's behaviour. */
function followAnchor(event: MouseEvent<HTMLAnchorElement>, id: string, onGo: (id: string) => void) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  onGo(id);
}

function ArticleView({
  article,
  code,
  filingId,
  targeted,
  onGo,
}: {
  article: ProvisionArticleView;
  code: DocCode;
  filingId: number | undefined;
  targeted: string | undefined;
  onGo: (id: string) => void;
}) {
  const { t } = useTranslation('provisions');
  const hrefOf = useProvisionHref(code);
  const cited = new Set(article.rules.flatMap((rule) => rule.cites.map((c) => c.id)));
  const mark = (id: string) => (cited.has(id) ? classes.cited : '');
  const flash = (id: string) => (targeted === id ? classes.targeted : '');
  const name = article.heading === undefined ? article.label : `${article.label} ${article.heading}`;
  const multiClause = article.clauses.length > 1;
  return (
    <article id={article.id} tabIndex={-1} aria-label={name} className={`${classes.article} ${flash(article.id)}`} data-testid={`article-${article.id}`}>
      <div className={classes.articleText}>
        {article.clauses.map((clause, ci) => (
          <Fragment key={clause.id}>
            <p id={clause.id} className={`${classes.clause} ${mark(clause.id)} ${flash(clause.id)}`}>
              {ci === 0 && (
                <>
                  <a
                    href={hrefOf(article.id)}
                    className={`${classes.articleLabel} mantine-focus-auto`}
                    onClick={(event) => followAnchor(event, article.id, onGo)}
                  >
                    {article.label}
                  </a>
                  {article.heading !== undefined && <span className={classes.heading}>{article.heading}</span>}
                </>
              )}
              {clause.text}
              {multiClause && (
                <span className={classes.clauseMark} aria-hidden="true">
                  {clause.label}
                </span>
              )}
            </p>
            {clause.items.map((item) => (
              <p key={item.id} id={item.id} className={`${classes.item} ${mark(item.id)} ${flash(item.id)}`}>
                {item.marker}
                {item.text}
              </p>
            ))}
          </Fragment>
        ))}
      </div>
      <Box className={classes.rules} aria-label={t('reader.rulesOf', { label: article.label })} role="group">
        {article.rules.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('reader.noRules')}
          </Text>
        ) : (
          article.rules.map((rule) => (
            <RuleLink key={rule.id} rule={rule} filingId={filingId} cites={rule.cites.map((c) => c.locator)} />
          ))
        )}
      </Box>
    </article>
  );
}
