import type { TableName } from '@shared/domain/filing-schema';
import type { RowCheck } from './columns';

/** enforcement_actions: the target defaults to an account, and the target's id must be given. */
export const ROW_CHECKS: Partial<Record<TableName, RowCheck>> = {
  enforcement_actions: (values, at) => {
    const tt = at('target_type');
    if (values[tt] === null) values[tt] = 'account';
    if (values[tt] === 'account' && values[at('account_id')] === null) {
      return { column: 'account_id', code: 'value_required', message: '对象类型为账号（account）时，account_id（账号ID）不能为空' };
    }
    if (values[tt] === 'mcn' && values[at('mcn_id')] === null) {
      return { column: 'mcn_id', code: 'value_required', message: '对象类型为 MCN 机构（mcn）时，mcn_id（MCN机构ID）不能为空' };
    }
    return null;
  },
};
