/** Input schemas of the points actions: the edge's validation, strict and bounded. */
import * as z from 'zod';
import { id, paging, userText } from '../lib/validate';

const empty = z.strictObject({});
const isoTime = () => z.iso.datetime({ offset: true });
/** Hours in half-hour steps. */
const hours = (max: number) => z.number().min(0.5).max(max).multipleOf(0.5);
export const month = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const year = () => z.string().regex(/^\d{4}$/);
const code = () => z.string().trim().toUpperCase().regex(/^[0-9A-Z]{4,12}$/);

export const emptyInput = empty;
export const ledgerInput = z.strictObject({ openid: id().optional(), ...paging });
export const awardInput = z.strictObject({
  openid: id(),
  points: z.number().int().min(1).max(1000),
  hours: hours(100).optional(),
  reason: userText(200),
});
export const creditDemandInput = z.strictObject({ demandId: id() });
export const reverseInput = z.strictObject({ entryId: z.string().min(1).max(160).regex(/^[\w-]+$/), reason: userText(200) });

const ruleNumber = (max: number) => z.number().int().min(0).max(max);
export const setRulesInput = z.strictObject({
  perServiceHour: ruleNumber(1000).optional(),
  perWish: ruleNumber(1000).optional(),
  perCheckIn: ruleNumber(1000).optional(),
  perActivityHour: ruleNumber(1000).optional(),
  dailyCap: ruleNumber(100000).optional(),
  monthlyCap: ruleNumber(1000000).optional(),
  yearlyHourTarget: ruleNumber(1000).optional(),
});

export const createActivityInput = z.strictObject({
  communityId: id().optional(),
  title: userText(60),
  description: userText(1000, { optional: true }).optional(),
  place: userText(100),
  startAt: isoTime(),
  endAt: isoTime(),
  capacity: z.number().int().min(1).max(500),
  hoursRule: z.enum(['actual', 'fixed']),
  fixedHours: hours(24).optional(),
});
export const byId = z.strictObject({ id: id() });
export const cancelActivityInput = z.strictObject({ id: id(), reason: userText(200) });
export const listActivitiesInput = z.strictObject({ scope: z.enum(['open', 'mine', 'managed']), ...paging });
export const codeInput = z.strictObject({ id: id(), code: code() });
export const resolveInput = z.strictObject({ id: id(), openid: id(), hours: z.number().min(0).max(24).multipleOf(0.5), note: userText(200, { scene: 4 }) });
export const approveInput = z.strictObject({ id: id(), openids: z.array(id()).min(1).max(500).optional() });

export const checkInInput = z.strictObject({ note: userText(200, { scene: 4, optional: true }).optional() });
export const complianceInput = z.strictObject({ scope: z.enum(['community', 'unit']), id: id(), month: month(), ...paging });

export const createItemInput = z.strictObject({
  ownerScope: z.enum(['community', 'unit']),
  ownerId: id(),
  title: userText(60),
  description: userText(500, { optional: true }).optional(),
  cost: z.number().int().min(1).max(100000),
  stock: z.number().int().min(0).max(100000),
  perPersonLimit: z.number().int().min(1).max(100),
  validFrom: isoTime(),
  validUntil: isoTime(),
});
export const updateItemInput = z.strictObject({
  id: id(),
  addStock: z.number().int().min(1).max(100000).optional(),
  validUntil: isoTime().optional(),
  active: z.boolean().optional(),
});
export const listItemsInput = z.strictObject({ scope: z.enum(['available', 'managed']), ...paging });
export const redeemInput = z.strictObject({ itemId: id(), requestId: id().optional() });
export const byCode = z.strictObject({ code: code() });
export const cancelRedemptionInput = z.strictObject({ id: id(), reason: userText(200, { optional: true }).optional() });
export const listRedemptionsInput = z.strictObject({
  scope: z.enum(['mine', 'managed']),
  status: z.enum(['pending', 'fulfilled', 'cancelled']).optional(),
  ...paging,
});

export const leaderboardInput = z.strictObject({
  scope: z.enum(['community', 'unit']),
  id: id().optional(),
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/),
  limit: z.number().int().min(1).max(100).optional(),
});
export const profileInput = z.strictObject({ openid: id().optional(), year: year().optional() });
export const reviewInput = z.strictObject({
  openid: id(),
  year: year(),
  scope: z.enum(['unit', 'community']),
  grade: z.enum(['excellent', 'good', 'fair', 'poor']),
  comment: userText(300, { scene: 2, optional: true }).optional(),
});
