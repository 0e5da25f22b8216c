import { ActionIcon, Alert, Badge, Button, Card, Group, Modal, MultiSelect, Stack, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '@shared/api/campaigns';
import { campaignInputSchema, describeCampaignIssues, VIOLATION_REASON_LABELS, VIOLATION_REASONS, type CampaignInput, type ViolationReason } from '@shared/domain/campaigns';
import { LEXICON_CATEGORY_LABELS, type LexiconCategory } from '@shared/domain/reference';
import { RULES, ruleById } from '@shared/domain/rules';
import { api } from '../../api/client';
import { useApiQuery } from '../../api/hooks';

const RULE_IDS = RULES.map((r) => r.id);

/** A category as edited: rules and reasons are free text so a typo is refused with the server's message, not silently dropped. */
interface CategoryDraft {
  code: string;
  name: string;
  description?: string;
  rules: string[];
  lexicon: Record<string, string[]>;
  reasons: string[];
}

function toDrafts(c: CampaignView | null): CategoryDraft[] {
  if (!c) return [{ code: '1', name: '', rules: [], lexicon: {}, reasons: [] }];
  return c.categories.map((x) => ({
    code: x.code,
    name: x.name,
    description: x.description,
    rules: x.rules.map((r) => r.rule),
    lexicon: Object.fromEntries(x.rules.filter((r) => r.lexiconCategories).map((r) => [r.rule, r.lexiconCategories!])),
    reasons: x.reasons,
  }));
}

export function CampaignEditor({ campaign, onClose, onSaved }: { campaign: CampaignView | null; onClose(): void; onSaved(c: CampaignView): void }) {
  const { t } = useTranslation('campaigns');
  const options = useApiQuery(() => api.campaigns.scopeOptions(), []);
  const [code, setCode] = useState(campaign?.code ?? '');
  const [name, setName] = useState(campaign?.name ?? '');
  const [issuer, setIssuer] = useState(campaign?.issuer ?? '');
  const [windowStart, setWindowStart] = useState(campaign?.windowStart ?? '');
  const [windowEnd, setWindowEnd] = useState(campaign?.windowEnd ?? '');
  const [platforms, setPlatforms] = useState<string[]>(campaign?.scope.platforms ?? []);
  const [categories, setCategories] = useState<CategoryDraft[]>(toDrafts(campaign));
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const platformOptions = [...new Map((options.data?.filings ?? []).map((f) => [f.platformId, `${f.platformName}（${f.platformId}）`])).entries()].map(([value, label]) => ({ value, label }));
  for (const p of platforms) if (!platformOptions.some((o) => o.value === p)) platformOptions.push({ value: p, label: p });

  const patch = (i: number, change: Partial<CategoryDraft>) => setCategories((cs) => cs.map((c, j) => (j === i ? { ...c, ...change } : c)));

  async function save() {
    const input = {
      code,
      name,
      issuer,
      windowStart,
      windowEnd,
      scope: { platforms, filings: campaign?.scope.filings ?? [] },
      categories: categories.map((c) => ({
        code: c.code,
        name: c.name,
        ...(c.description ? { description: c.description } : {}),
        rules: c.rules.map((rule) => (c.lexicon[rule] ? { rule, lexiconCategories: c.lexicon[rule] } : { rule })),
        reasons: c.reasons,
      })),
    };
    // The same schema the core applies, so most mistakes are named before anything is sent.
    const checked = campaignInputSchema.safeParse(input);
    if (!checked.success) {
      setErrors(describeCampaignIssues(checked.error, input));
      return;
    }
    setSaving(true);
    try {
      const saved = campaign ? await api.campaigns.update({ id: campaign.id, campaign: checked.data as CampaignInput }) : await api.campaigns.create({ campaign: checked.data as CampaignInput });
      onSaved(saved);
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={campaign ? t('editor.editTitle') : t('editor.createTitle')} size="xl" data-testid="campaign-editor">
      <Stack gap="sm">
        {errors.length > 0 && (
          <Alert color="red" title={t('editor.invalid')} role="alert">
            {errors.map((e) => (
              <Text key={e} size="sm">
                {e}
              </Text>
            ))}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput label={t('editor.code')} description={t('editor.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} required />
          <TextInput label={t('editor.issuer')} value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} />
        </Group>
        <TextInput label={t('editor.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Group grow>
          <TextInput type="date" label={t('editor.windowStart')} value={windowStart} onChange={(e) => setWindowStart(e.currentTarget.value)} required />
          <TextInput type="date" label={t('editor.windowEnd')} value={windowEnd} onChange={(e) => setWindowEnd(e.currentTarget.value)} required />
        </Group>
        <MultiSelect label={t('editor.platforms')} data={platformOptions} value={platforms} onChange={setPlatforms} searchable clearable />
        <Group justify="space-between" mt="xs">
          <Text fw={600}>{t('editor.categories')}</Text>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setCategories((cs) => [...cs, { code: String(cs.length + 1), name: '', rules: [], lexicon: {}, reasons: [] }])}
          >
            {t('editor.addCategory')}
          </Button>
        </Group>
        {categories.map((c, i) => (
          <Card key={i} withBorder padding="sm" data-testid={`category-${i}`}>
            <Stack gap="xs">
              <Group align="flex-end" wrap="nowrap">
                <TextInput label={t('editor.categoryCode')} value={c.code} onChange={(e) => patch(i, { code: e.currentTarget.value })} w={90} />
                <TextInput label={t('editor.categoryName')} value={c.name} onChange={(e) => patch(i, { name: e.currentTarget.value })} style={{ flex: 1 }} />
                <Tooltip label={t('editor.removeCategory')}>
                  <ActionIcon variant="subtle" color="red" aria-label={t('editor.removeCategory')} onClick={() => setCategories((cs) => cs.filter((_, j) => j !== i))} mb={4}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <TagsInput
                label={t('editor.rules')}
                placeholder={t('editor.rulesHint')}
                data={RULE_IDS}
                value={c.rules}
                onChange={(rules) => patch(i, { rules })}
                renderOption={({ option }) => (
                  <Text size="sm">
                    {option.value} <Text span c="dimmed" size="xs">{ruleById(option.value)?.titleZh}</Text>
                  </Text>
                )}
                clearable
              />
              {Object.entries(c.lexicon)
                .filter(([rule]) => c.rules.includes(rule))
                .map(([rule, cats]) => (
                  <Badge key={rule} variant="light" color="grape">
                    {rule}：{t('editor.lexiconCondition', { list: cats.map((x) => LEXICON_CATEGORY_LABELS[x as LexiconCategory]?.zh ?? x).join('、') })}
                  </Badge>
                ))}
              <TagsInput
                label={t('editor.reasons')}
                placeholder={t('editor.reasonsHint')}
                data={VIOLATION_REASONS}
                value={c.reasons}
                onChange={(reasons) => patch(i, { reasons })}
                renderOption={({ option }) => (
                  <Text size="sm">
                    {option.value} <Text span c="dimmed" size="xs">{VIOLATION_REASON_LABELS[option.value as ViolationReason]}</Text>
                  </Text>
                )}
                clearable
              />
            </Stack>
          </Card>
        ))}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('editor.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving}>
            {t('editor.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
