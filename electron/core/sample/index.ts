import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { RULE_IDS, type RuleId } from '@shared/domain/rules';
import { defaultResourcesDir } from '../paths';
import { Block, makeUscc, Serials, type Entity, type LicenceEntry, type Period, type Sink, type TruthEntry } from './builder';
import { sampleDocuments } from './documents';
import { loadDefaultLexicon } from '../reference/lexicon-file';
import { EngineLexicon, NameGuard } from './name-guard';
import { PLATFORM_VARIANTS, type PlatformVariant } from './platform';
import { RULE_PLANS } from './plant';
import type { CaseBuild } from './plant/kit';
import { makeMcnPool, populationBlock, type PopulationShared } from './population';
import { Rng } from './prng';
import { loadSampleSources, type SampleSources } from './sources';
import { TableWriter, type TableFormat, type WrittenTable } from './table-writer';
import { TABLE_COLUMNS, TABLE_NAMES, type TableName } from './tables';

export interface SampleProgress {
  phase: string;
  done: number;
  total: number;
}

export interface GenerateSampleOptions {
  accounts: number;
  seed: number;
  out: string;
  format?: 'zip' | 'folder';
  /** Write some tables as JSONL, GB18030 CSV, BOM CSV and Chinese headers/labels (off for benchmarks). */
  variety?: boolean;
  /** Also write the small companion packages that fire the platform.* rules (default true). */
  platformVariants?: boolean;
  resourcesDir?: string;
  onProgress?: (p: SampleProgress) => void;
}

export interface GenerateSampleResult {
  packagePath: string;
  groundTruthPath: string;
  licenseRegistryPath: string;
  counts: Record<string, number>;
  variantPaths: string[];
}

const PERIOD: Period = { start: '2024-10-01', end: '2024-12-31' };
const PLATFORM = {
  platform_id: 'P001',
  name: '星河短视频',
  operator: '杭州星河网络科技有限公司',
  uscc: makeUscc('91', '330100', 20170001),
  province: '浙江省',
  news_license_no: '33120170001',
};
/** Zip entry times: fixed, and built from local-time parts so DOS timestamps read the same in every zone. */
const ZIP_MTIME = new Date(2025, 0, 6, 9, 30, 0);

const CSV_UTF8: TableFormat = { kind: 'csv', encoding: 'utf-8', declareEncoding: true };

function tableFormats(variety: boolean): Record<TableName, TableFormat> {
  const formats = Object.fromEntries(TABLE_NAMES.map((t) => [t, CSV_UTF8])) as Record<TableName, TableFormat>;
  if (!variety) return formats;
  const jsonl: TableFormat = { kind: 'jsonl', encoding: 'utf-8', declareEncoding: false };
  formats.credentials = jsonl;
  formats.complaints = jsonl;
  formats.enforcement_actions = jsonl;
  formats.subjects = {
    ...CSV_UTF8,
    enumLabels: {
      subject_type: { individual: '个人', enterprise: '企业', government: '党政机关', news_unit: '新闻单位', institution: '事业单位', social_org: '社会组织', other: '其他' },
    },
  };
  formats.mcn_orgs = {
    kind: 'csv',
    encoding: 'gb18030',
    declareEncoding: true,
    headerLabels: { mcn_id: 'MCN机构ID', name: '机构名称', uscc: '统一社会信用代码', registered_region: '注册地', status: '状态', measures: '已采取措施' },
    enumLabels: {
      status: { active: '正常', suspended: '暂停服务', expelled: '清退' },
      measures: { suspend_monetization: '暂停营利权限', restrict_service: '限制服务', expel: '入驻清退' },
    },
  };
  formats.mcn_contracts = { kind: 'csv', encoding: 'gb18030', declareEncoding: false, headerLabels: { signed_at: '签约时间', ended_at: '解约时间' } };
  formats.account_transfers = {
    kind: 'csv',
    encoding: 'utf-8',
    bom: true,
    declareEncoding: true,
    booleans: '是/否',
    headerLabels: { applied_at: '申请时间', approved_at: '平台审核通过时间', effective_at: '变更生效时间', disclosed: '已公示' },
  };
  return formats;
}

interface Truth {
  rules: Map<RuleId, TruthEntry[]>;
}

const entityKey = (e: Entity) => (e.type === 'account_group' ? `group:${e.ids.join(',')}` : `${e.type}:${e.id}`);

interface PackageJob {
  out: string;
  zip: boolean;
  accounts: number;
  seed: number;
  variety: boolean;
  plant: boolean;
  platform: typeof PLATFORM;
  deadline: number | null | undefined;
  documentKinds: readonly string[];
  sources: SampleSources;
  guard: NameGuard;
  engineLexicon: EngineLexicon;
  serials: Serials;
  licences: LicenceEntry[];
  truth: Truth;
  onProgress?: (p: SampleProgress) => void;
}

/** The planted cases of one package: each rule's firing variants up to `perRule`, and its near misses. */
function plannedCases(perRule: number): CaseBuild[] {
  const nearRepeat = Math.max(1, Math.floor(perRule / 3));
  const cases: CaseBuild[] = [];
  for (const plan of RULE_PLANS) {
    for (let i = 0; i < Math.max(perRule, plan.fires.length); i++) cases.push(plan.fires[i % plan.fires.length]);
    for (let r = 0; r < nearRepeat; r++) cases.push(...plan.nearMisses);
  }
  return cases;
}

const nullSink: Sink = { row: () => {}, truth: () => {}, licence: () => {} };

function prepareOut(target: string): void {
  if (fs.existsSync(target)) {
    const stat = fs.statSync(target);
    if (stat.isDirectory() && fs.readdirSync(target).length > 0) throw new Error(`输出文件夹 ${target} 不是空的：请指定新的位置`);
    if (!stat.isDirectory()) fs.rmSync(target);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
}

async function writePackage(job: PackageJob): Promise<Record<string, number>> {
  const staging = job.zip ? `${job.out}.staging` : job.out;
  if (job.zip) fs.rmSync(staging, { recursive: true, force: true });
  prepareOut(job.out);
  fs.mkdirSync(path.join(staging, 'docs'), { recursive: true });

  const formats = tableFormats(job.variety);
  const files = Object.fromEntries(TABLE_NAMES.map((t) => [t, `${t}.${formats[t].kind}`])) as Record<TableName, string>;
  const writers = Object.fromEntries(
    TABLE_NAMES.map((t) => [t, new TableWriter(path.join(staging, files[t]), TABLE_COLUMNS[t], formats[t])]),
  ) as Record<TableName, TableWriter>;
  const sink: Sink = {
    row: (table, row) => writers[table].write(row),
    truth: (rule, entry) => {
      const list = job.truth.rules.get(rule) ?? [];
      list.push(entry);
      job.truth.rules.set(rule, list);
    },
    licence: (entry) => job.licences.push(entry),
  };
  const block = (rng: Rng, s: Sink = sink, serials = job.serials) => new Block(rng, s, serials, job.sources, job.guard, job.engineLexicon, PERIOD);

  // Count the planted accounts with a dry run, so the population fills exactly the rest.
  const cases = job.plant ? plannedCases(Math.max(3, Math.min(40, Math.ceil(job.accounts / 25_000)))) : [];
  let planted = 0;
  cases.forEach((build, i) => {
    const dry = block(Rng.for(job.seed, 'plant', i), nullSink, new Serials());
    build(dry);
    planted += dry.accountsCreated;
  });
  const population = job.accounts - planted;
  if (population < 0) throw new Error(`账号数至少为 ${planted}（植入的违规与近似案例需要这么多账号），当前为 ${job.accounts}`);

  const setup = block(Rng.for(job.seed, 'setup', 0));
  const shared: PopulationShared = {
    mcns: makeMcnPool(setup, Math.max(5, Math.ceil(population / 400))),
    ipHashes: Array.from({ length: Math.max(20, Math.ceil(population / 20)) }, () => setup.hash()),
  };
  setup.flush();

  const total = job.accounts;
  let popDone = 0;
  let done = 0;
  let next = 0;
  let blockIndex = 0;
  let lastReport = 0;
  while (popDone < population || next < cases.length) {
    const due = next < cases.length && (popDone >= Math.floor(((next + 1) * population) / (cases.length + 1)) || popDone >= population);
    if (due) {
      const b = block(Rng.for(job.seed, 'plant', next));
      cases[next++](b);
      b.flush();
      done += b.accountsCreated;
    } else {
      const b = block(Rng.for(job.seed, 'population', blockIndex++));
      populationBlock(b, shared, population - popDone);
      b.flush();
      popDone += b.accountsCreated;
      done += b.accountsCreated;
    }
    if (done - lastReport >= 5000) {
      lastReport = done;
      job.onProgress?.({ phase: 'accounts', done, total });
      if (blockIndex % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  job.onProgress?.({ phase: 'accounts', done, total });

  const written = Object.fromEntries(TABLE_NAMES.map((t) => [t, writers[t].close()])) as Record<TableName, WrittenTable>;
  const docs = sampleDocuments(job.platform.name, job.variety).filter((d) => job.documentKinds.includes(d.kind));
  for (const d of docs) fs.writeFileSync(path.join(staging, d.file), d.bytes);

  const manifest: Record<string, unknown> = {
    format: 'filing-package',
    format_version: '1.0',
    package_id: `PKG-2024Q4-${job.platform.platform_id}`,
    platform: job.platform,
    period: PERIOD,
    generated_at: '2025-01-06T09:30:00+08:00',
    complaint_deadline_days: job.deadline,
    tables: TABLE_NAMES.map((t) => ({
      table: t,
      file: files[t],
      rows: written[t].rows,
      sha256: written[t].sha256,
      ...(formats[t].declareEncoding ? { encoding: formats[t].encoding === 'gb18030' ? 'GB18030' : 'utf-8' } : {}),
    })),
    documents: docs.map((d) => ({ kind: d.kind, title: d.title, file: d.file, sha256: createHash('sha256').update(d.bytes).digest('hex') })),
  };
  if (job.deadline === undefined) delete manifest.complaint_deadline_days;
  fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  if (job.zip) {
    job.onProgress?.({ phase: 'zip', done: 0, total: 1 });
    const zip = new yazl.ZipFile();
    const options = { mtime: ZIP_MTIME, mode: 0o100644, forceDosTimestamp: true, compressionLevel: 6 };
    zip.addFile(path.join(staging, 'manifest.json'), 'manifest.json', options);
    for (const t of TABLE_NAMES) zip.addFile(path.join(staging, files[t]), files[t], options);
    for (const d of docs) zip.addFile(path.join(staging, d.file), d.file, options);
    zip.end();
    await new Promise<void>((resolve, reject) => {
      const output = fs.createWriteStream(job.out);
      zip.outputStream.pipe(output).on('close', resolve).on('error', reject);
      zip.outputStream.on('error', reject);
    });
    fs.rmSync(staging, { recursive: true, force: true });
    job.onProgress?.({ phase: 'zip', done: 1, total: 1 });
  }

  const counts: Record<string, number> = Object.fromEntries(TABLE_NAMES.map((t) => [t, written[t].rows]));
  counts.planted_accounts = planted;
  counts.population_accounts = population;
  counts.planted_cases = cases.length;
  counts.documents = docs.length;
  return counts;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function groundTruth(seed: number, accounts: number, truth: Truth, variants: { file: string; variant: PlatformVariant }[]) {
  const rules: Record<string, { expected: Entity[]; nearMisses: Entity[]; notes: { entity: Entity; expected: boolean; note: string }[] }> = {};
  for (const rule of RULE_IDS) {
    const entries = truth.rules.get(rule) ?? [];
    const expected = new Map<string, Entity>();
    const near = new Map<string, Entity>();
    for (const e of entries) (e.expected ? expected : near).set(entityKey(e.entity), e.entity);
    for (const key of near.keys()) if (expected.has(key)) throw new Error(`样例数据自相矛盾：${rule} 的 ${key} 既应触发又是近似案例`);
    rules[rule] = { expected: [...expected.values()], nearMisses: [...near.values()], notes: entries.map((e) => ({ entity: e.entity, expected: e.expected, note: e.note })) };
  }
  rules['platform.complaint_deadline_missing'].nearMisses.push({ type: 'platform', id: PLATFORM.platform_id });
  rules['platform.documents_missing'].nearMisses.push({ type: 'platform', id: PLATFORM.platform_id });
  return {
    seed,
    accounts,
    period: PERIOD,
    platform_id: PLATFORM.platform_id,
    rules,
    platformVariants: variants.map(({ file, variant }) => ({
      package: file,
      platform_id: variant.platformId,
      rules: Object.fromEntries(
        (['platform.complaint_deadline_missing', 'platform.documents_missing'] as const).map((rule) => [
          rule,
          {
            expected: variant.expected.filter((e) => e.rule === rule).map((e) => ({ type: 'platform', id: e.id, note: e.note })),
            nearMisses: variant.nearMisses.filter((e) => e.rule === rule).map((e) => ({ type: 'platform', id: e.id, note: e.note })),
          },
        ]),
      ),
    })),
  };
}

/**
 * Writes a deterministic sample filing package: a compliant population plus planted
 * violations and near misses of every rule of rules-v1, with its ground truth and the
 * demo licence registry the news rules need.
 */
export async function generateSamplePackage(opts: GenerateSampleOptions): Promise<GenerateSampleResult> {
  if (!Number.isInteger(opts.accounts) || opts.accounts < 1) throw new Error(`账号数必须是正整数，当前为 ${opts.accounts}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`随机种子必须是整数，当前为 ${opts.seed}`);
  const resourcesDir = opts.resourcesDir ?? defaultResourcesDir();
  const sources = loadSampleSources(resourcesDir);
  const shipped = loadDefaultLexicon(resourcesDir);
  const engineLexicon = new EngineLexicon(shipped);
  const guard = new NameGuard([...shipped, ...sources.fallbackTerms]);
  const zip = opts.format ? opts.format === 'zip' : opts.out.toLowerCase().endsWith('.zip');
  const out = path.resolve(opts.out);
  const serials = new Serials();
  const licences: LicenceEntry[] = [
    { license_no: PLATFORM.news_license_no, holder_name: PLATFORM.operator, services: ['传播平台服务'], valid_until: '2027-06-30', province: PLATFORM.province },
  ];
  const truth: Truth = { rules: new Map() };
  const common = { zip, seed: opts.seed, sources, guard, engineLexicon, serials, licences, onProgress: opts.onProgress };

  const counts = await writePackage({
    ...common,
    out,
    accounts: opts.accounts,
    variety: opts.variety ?? false,
    plant: true,
    platform: PLATFORM,
    deadline: 15,
    documentKinds: ['management_rules', 'platform_convention', 'service_agreement'],
    truth,
  });

  const variants: { file: string; variant: PlatformVariant }[] = [];
  if (opts.platformVariants ?? true) {
    const ext = zip ? '.zip' : '';
    const base = zip ? out.slice(0, -4) : out;
    for (const variant of PLATFORM_VARIANTS) {
      const file = `${base}.variant-${variant.name}${ext}`;
      opts.onProgress?.({ phase: `variant:${variant.name}`, done: 0, total: 1 });
      await writePackage({
        ...common,
        out: file,
        seed: opts.seed + variants.length + 1,
        accounts: 40,
        variety: false,
        plant: false,
        platform: { ...PLATFORM, platform_id: variant.platformId },
        deadline: variant.manifest.complaint_deadline_days,
        documentKinds: variant.manifest.documentKinds,
        truth: { rules: new Map() },
      });
      variants.push({ file: path.basename(file), variant });
    }
  }

  const groundTruthPath = `${out}.ground-truth.json`;
  fs.writeFileSync(groundTruthPath, JSON.stringify(groundTruth(opts.seed, opts.accounts, truth, variants), null, 2) + '\n');
  const licenseRegistryPath = `${out}.licenses.csv`;
  const lines = ['license_no,holder_name,services,valid_until,province'];
  for (const l of licences) lines.push([l.license_no, l.holder_name, l.services.join('|'), l.valid_until, l.province].map(csvCell).join(','));
  fs.writeFileSync(licenseRegistryPath, lines.join('\r\n') + '\r\n');
  counts.licences = licences.length;
  return { packagePath: out, groundTruthPath, licenseRegistryPath, counts, variantPaths: variants.map((v) => path.join(path.dirname(out), v.file)) };
}
