/** Input schemas of the stats actions: the edge's validation, strict and bounded. */
import * as z from 'zod';
import { CATEGORY_LABEL } from '../../types/labels';
import { id, oneOf, paging } from '../lib/validate';

/** A month `YYYY-MM` or a year `YYYY`. */
const period = () => z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, '请选择月份（年-月）或年份');
const rate = () => z.enum(['responseRate', 'resolutionRate', 'satisfactionRate']);

export const dashboardInput = z.strictObject({
  scope: z.enum(['county', 'town', 'community', 'unit']),
  id: id().optional(),
  period: period(),
  sortBy: rate().optional(),
});

export const itemsInput = z.strictObject({
  scope: z.enum(['community', 'unit']),
  id: id(),
  unitId: id().optional(),
  estateId: id().optional(),
  period: period(),
  figure: z.enum(['dispatched', 'acceptedWithinSla', 'resolved', 'openOverdue', 'rated', 'satisfiedOrBasic', 'extended', 'received']),
  category: oneOf(CATEGORY_LABEL).optional(),
  ...paging,
});

const scope = () => z.enum(['county', 'town', 'community', 'unit']);

export const membersInput = z.strictObject({ scope: scope(), id: id().optional(), period: period() });

export const memberItemsInput = z.strictObject({
  scope: scope(),
  id: id().optional(),
  period: period(),
  figure: z.enum(['members', 'atTarget', 'behind', 'reported', 'notReported']),
  unitId: id().optional(),
  ...paging,
});

export const pointItemsInput = z.strictObject({
  scope: z.enum(['community', 'unit']),
  id: id(),
  period: period(),
  figure: z.enum(['earned', 'redeemed']),
  ...paging,
});

export const coverageInput = z.strictObject({
  scope: z.enum(['county', 'town', 'community']),
  id: id().optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '请选择月份（年-月）'),
});

export const overdueInput = z.strictObject({ communityId: id(), ...paging });
