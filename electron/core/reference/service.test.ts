import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { createServices, type Services } from '../services';
import { getActiveReference } from './store';

let dir: string;
let services: Services;
const resourcesDir = path.resolve(__dirname, '../../../resources');

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fi-ref-'));
  services = await createServices({ dbPath: ':memory:', dataDir: dir, resourcesDir, door: 'cli', actor: 'tester' });
});
afterEach(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

describe('reference data', () => {
  it('loads the shipped lexicon as the default on first use', async () => {
    const status = await services.api.reference.status(undefined);
    expect(status.lexicon).toMatchObject({ isDefault: true });
    expect(status.lexicon!.rowCount).toBeGreaterThan(100);
  });

  it('imports and replaces the licence registry and lexicon, accepting Chinese headers and labels', async () => {
    const licenses = write('licenses.csv', '许可证编号,持证单位,服务项目,有效期至,省份\n33120170001,杭州某某网络科技有限公司,采编发布服务|转载服务,2027-12-31,浙江省\n');
    const lexicon = write('lexicon.csv', '词条,类别,备注\n新华社,新闻媒体,\n日报,news_word,\n');
    await services.api.reference.import({ kind: 'licenses', source: { kind: 'path', path: licenses } });
    const { set } = await services.api.reference.import({ kind: 'lexicon', source: { kind: 'path', path: lexicon } });
    expect(set).toMatchObject({ name: 'lexicon.csv', rowCount: 2, isDefault: false });
    const active = await getActiveReference(services.context);
    expect(active.licenses.get('33120170001')).toMatchObject({ services: ['采编发布服务', '转载服务'], valid_until: '2027-12-31' });
    expect(active.lexicon).toEqual([{ term: '新华社', category: 'news_media' }, { term: '日报', category: 'news_word' }]);
    const reset = await services.api.reference.resetToDefault({ kind: 'lexicon' });
    expect(reset.set.isDefault).toBe(true);
    expect((await getActiveReference(services.context)).lexicon.length).toBeGreaterThan(100);
  });

  it('uses another file for one run without storing it', async () => {
    const other = write('other.csv', 'term,category\n测试词,region\n');
    const active = await getActiveReference(services.context, { lexiconFile: other });
    expect(active.lexicon).toEqual([{ term: '测试词', category: 'region' }]);
    expect(active.lexiconName).toMatch(/other\.csv/);
    expect((await services.api.reference.status(undefined)).lexicon?.isDefault).toBe(true);
  });

  it('refuses a file with a bad category or duplicate licence, naming row and column', async () => {
    const bad = write('bad.csv', 'term,category\n好词,celebrity\n');
    const error = await Promise.resolve(services.api.reference.import({ kind: 'lexicon', source: { kind: 'path', path: bad } })).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ issues: [expect.objectContaining({ row: 2, column: 'category', code: 'reference_invalid' })] });
    const dup = write('dup.csv', 'license_no,holder_name\nL1,甲\nL1,乙\n');
    const dupError = (await Promise.resolve(services.api.reference.import({ kind: 'licenses', source: { kind: 'path', path: dup } })).catch((e: AppError) => e)) as AppError;
    expect(dupError.details).toMatchObject({ issues: [expect.objectContaining({ row: 3, code: 'id_duplicate' })] });
  });
});
