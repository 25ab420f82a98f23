/** Input schemas of the dispatch actions: the edge's validation, strict and bounded. */
import type { Rating } from '../../types/dispatch';
import { CATEGORY_LABEL, DEMAND_STATUS_LABEL, KIND_LABEL, URGENCY_LABEL } from '../../types/labels';
import * as z from 'zod';
import { id, oneOf, paging, photos, userText } from '../lib/validate';

export const RATINGS: [Rating, ...Rating[]] = ['satisfied', 'basic', 'unsatisfied'];

export const reason = () => userText(200);

export const byId = z.strictObject({ id: id() });
export const withReason = z.strictObject({ id: id(), reason: reason() });

export const submitInput = z.strictObject({
  kind: oneOf(KIND_LABEL).optional(),
  category: oneOf(CATEGORY_LABEL),
  text: userText(500),
  photos: photos().optional(),
  urgency: oneOf(URGENCY_LABEL).optional(),
  anonymous: z.boolean().optional(),
  householdId: id().optional(),
  onBehalfOf: id().optional(),
  /** The client's key for this form submission: a retry with it files nothing new. */
  requestId: id().optional(),
});

export const uploadPhotoInput = z
  .strictObject({
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    // ≤ 1 MB of image once decoded (base64 is 4/3 of that). H5 and small photos.
    base64: z.string().min(8).max(Math.ceil((1024 * 1024 * 4) / 3) + 4).optional(),
    // In WeChat: the temporary CDN URL that wx.cloud.CDN turned the photo into.
    cdn: z.string().min(12).max(2048).optional(),
  })
  .refine((v) => (v.base64 === undefined) !== (v.cdn === undefined), { message: '请提供照片：字段「base64」与「cdn」二选一', path: ['base64'] });

export const listInput = z.strictObject({
  scope: z.enum(['mine', 'triage', 'community', 'unit', 'claimable', 'myTasks', 'supervision']),
  status: oneOf(DEMAND_STATUS_LABEL).optional(),
  urgency: oneOf(URGENCY_LABEL).optional(),
  overdue: z.boolean().optional(),
  flag: z.enum(['escalated', 'supervised']).optional(),
  queue: z.enum(['working', 'verify', 'returnVisit', 'toAccept', 'toAssign', 'inProgress']).optional(),
  ...paging,
});

export const dispatchInput = z.strictObject({
  id: id(),
  unitId: id().optional(),
  slots: z.number().int().min(1).max(20),
  expectedHours: z.number().min(0.5).max(100),
  urgency: oneOf(URGENCY_LABEL).optional(),
  deadline: z.iso.datetime({ offset: true }).optional(),
});

export const completeInput = z.strictObject({
  id: id(),
  notes: userText(500, { scene: 4 }),
  photos: photos().optional(),
  hours: z.number().min(0.5).max(24).multipleOf(0.5).optional(),
});

export const rateInput = z.strictObject({ id: id(), value: z.enum(RATINGS), comment: userText(200, { scene: 2, optional: true }).optional() });
export const assignInput = z.strictObject({ id: id(), memberOpenids: z.array(id()).min(1).max(20) });
export const mergeInput = z.strictObject({ id: id(), intoId: id() });
export const handleInput = z.strictObject({ id: id(), note: userText(200, { optional: true }).optional() });
export const noteInput = z.strictObject({ id: id(), note: userText(500) });
export const scorecardInput = z.strictObject({
  scope: z.enum(['community', 'unit']),
  id: id(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

// ---- supervision: 延期, 催办, 督办 ----------------------------------------------------------------

export const extendInput = z.strictObject({
  id: id(),
  until: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '请选择新的办结日期（年-月-日）'),
  reason: reason(),
});
export const redispatchInput = z.strictObject({ id: id(), unitId: id(), reason: reason() });
export const emptyInput = z.strictObject({});
export const urgeInput = z.strictObject({ id: id(), note: userText(200, { optional: true }).optional() });
