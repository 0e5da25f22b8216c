import { Badge, Tooltip } from '@mantine/core';
import type { ProvisionRule } from '@shared/api/provisions';
import { SEVERITY_LABELS, type Severity } from '@shared/domain/rules';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import classes from './provisions.module.css';

export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  high: 'red',
  medium: 'orange',
  low: 'yellow',
  info: 'gray',
};

/** Where the findings of a rule are listed (the findings page reads `rule` and `filing`). */
export function findingsHref(ruleId: string, filingId: number | undefined): string {
  const query = new URLSearchParams({ rule: ruleId });
  if (filingId !== undefined) query.set('filing', String(filingId));
  // `~` leaves the /provisions nest: the findings page is a sibling section.
  return `~/findings?${query.toString()}`;
}

/**
 * A rule implementing a provision: severity, title and its open findings, linking to those
 * findings. The tooltip names the rule id and the parts of the article it cites.
 */
export function RuleLink({ rule, filingId, cites }: { rule: ProvisionRule; filingId: number | undefined; cites?: string[] }) {
  const { t, i18n } = useTranslation('provisions');
  const english = i18n.language === 'en';
  const title = english ? rule.titleEn : rule.titleZh;
  const severity = SEVERITY_LABELS[rule.severity][english ? 'en' : 'zh'];
  const color = SEVERITY_COLORS[rule.severity];
  const tooltip = [rule.id, cites && cites.length > 0 ? t('rule.cites', { locators: cites.join('、') }) : null].filter(Boolean).join(' · ');
  return (
    <Tooltip label={tooltip} withArrow openDelay={300} position="left">
      <Link
        href={findingsHref(rule.id, filingId)}
        className={`${classes.ruleLink} mantine-focus-auto`}
        aria-label={t('rule.linkLabel', { title, severity, count: rule.openFindings })}
        data-testid={`rule-${rule.id}`}
      >
        <Badge color={color} variant="light" size="sm" radius="sm" style={{ flexShrink: 0 }}>
          {severity}
        </Badge>
        <span className={classes.ruleTitle}>{title}</span>
        <Badge
          color={rule.openFindings > 0 ? color : 'gray'}
          variant={rule.openFindings > 0 ? 'filled' : 'outline'}
          size="sm"
          style={{ flexShrink: 0 }}
          data-testid="open-count"
        >
          {rule.openFindings > 0 ? t('rule.open', { count: rule.openFindings }) : t('rule.noneOpen')}
        </Badge>
      </Link>
    </Tooltip>
  );
}
