import { describe, expect, it } from 'vitest';
import { FILING_TABLES } from '@shared/domain/filing-schema';
import { coerceCell, parseTime } from './values';

const column = (table: keyof typeof FILING_TABLES, name: string) => FILING_TABLES[table].columns.find((c) => c.name === name)!;

describe('cell conversion', () => {
  it('reads times without offset as UTC+8 and converts offsets', () => {
    expect(parseTime('2024-10-01 08:00:00')).toBe('2024-10-01 08:00:00');
    expect(parseTime('2024-10-01T00:00:00Z')).toBe('2024-10-01 08:00:00');
    expect(parseTime('2024-12-31T20:30:00-05:00')).toBe('2025-01-01 09:30:00');
    expect(parseTime('2024-02-30 10:00:00')).toBeNull();
    expect(parseTime('2024/10/01 10:00:00')).toBeNull();
  });

  it('accepts every boolean spelling and refuses others', () => {
    const c = column('accounts', 'is_news_account');
    for (const t of ['true', 'TRUE', '1', '是', 'Y', 'y']) expect(coerceCell(c, t)).toEqual({ ok: true, value: 1 });
    for (const f of ['false', '0', '否', 'N']) expect(coerceCell(c, f)).toEqual({ ok: true, value: 0 });
    expect(coerceCell(c, '  ')).toEqual({ ok: true, value: null });
    expect(coerceCell(c, '对')).toMatchObject({ ok: false, code: 'bool_invalid' });
  });

  it('maps enum labels to codes and refuses unknown codes', () => {
    const c = column('accounts', 'status');
    expect(coerceCell(c, '禁言中')).toEqual({ ok: true, value: 'banned' });
    expect(coerceCell(c, 'deleted')).toMatchObject({ ok: false, code: 'enum_unknown' });
  });

  it('splits lists on | and accepts JSON arrays', () => {
    const c = column('subjects', 'verification_methods');
    expect(coerceCell(c, '手机号|face')).toEqual({ ok: true, value: '["mobile","face"]' });
    expect(coerceCell(c, ['id_card'])).toEqual({ ok: true, value: '["id_card"]' });
    expect(coerceCell(c, 'fingerprint')).toMatchObject({ ok: false });
  });

  it('reads Excel date cells as wall-clock China time', () => {
    expect(coerceCell(column('accounts', 'registered_at'), new Date(Date.UTC(2024, 9, 1, 9, 5, 0)))).toEqual({ ok: true, value: '2024-10-01 09:05:00' });
    expect(coerceCell(column('follower_daily', 'date'), new Date(Date.UTC(2024, 9, 1)))).toEqual({ ok: true, value: '2024-10-01' });
  });
});
