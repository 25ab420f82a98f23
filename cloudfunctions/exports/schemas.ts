/** One strict schema per action of `exports`; the export request is a union by `kind`. */
import * as z from 'zod';
import { CATEGORY_LABEL, DEMAND_STATUS_LABEL } from '../../types/labels';
import { id, oneOf } from '../lib/validate';

const month = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const year = () => z.string().regex(/^20\d{2}$/, '年份格式应为 YYYY');

export const startInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('demands'),
    from: month(),
    to: month(),
    communityId: id().optional(),
    unitId: id().optional(),
    status: oneOf(DEMAND_STATUS_LABEL).optional(),
    category: oneOf(CATEGORY_LABEL).optional(),
  }),
  z.strictObject({ kind: z.literal('scorecards'), month: month() }),
  z.strictObject({ kind: z.literal('hours'), year: year(), communityId: id().optional(), unitId: id().optional() }),
  z.strictObject({ kind: z.literal('ledger'), communityId: id(), from: month(), to: month() }),
  z.strictObject({ kind: z.literal('visits'), month: month(), communityId: id().optional() }),
  z.strictObject({ kind: z.literal('checkIns'), year: year(), communityId: id().optional(), unitId: id().optional() }),
]);

export const byId = z.strictObject({ id: id() });

export const listInput = z.strictObject({});

export const packInput = z.strictObject({ month: month() });
