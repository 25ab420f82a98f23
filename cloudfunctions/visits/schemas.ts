/** Input schemas of the visits actions: the edge's validation, strict and bounded. */
import type { CareCategory, CareLevel, VisitMethod, VisitOutcome, Wellbeing } from '../../types/visits';
import { CATEGORY_LABEL, URGENCY_LABEL } from '../../types/labels';
import * as z from 'zod';
import { id, oneOf, paging, photos, userText } from '../lib/validate';

export const CARE_CATEGORIES: [CareCategory, ...CareCategory[]] = ['livingAlone', 'emptyNest', 'disabled', 'seriousIllness', 'hardship', 'leftBehindChild', 'childInDistress', 'other'];
export const CARE_LEVELS: [CareLevel, ...CareLevel[]] = ['weekly', 'fortnightly', 'monthly'];
export const METHODS: [VisitMethod, ...VisitMethod[]] = ['door', 'phone', 'video'];
export const OUTCOMES: [VisitOutcome, ...VisitOutcome[]] = ['contact', 'noContact'];
export const WELLBEING: [Wellbeing, ...Wellbeing[]] = ['good', 'fair', 'poor', 'critical'];

/** A mainland mobile or landline number, digits only (with an optional area-code dash). */
const phone = () => z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/);
const categories = () => z.array(z.enum(CARE_CATEGORIES)).min(1).max(CARE_CATEGORIES.length).refine((a) => new Set(a).size === a.length, { message: '关爱类别不能重复' });
/** Notes are short and practical: never a diagnosis (checked on the server, core/visits-text.ts). */
const notes = () => userText(100, { scene: 4, optional: true });
/** What a visit found, in a sentence or two. */
const visitNotes = () => userText(200, { scene: 4, optional: true });
const month = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const byHousehold = { householdId: id() };

export const markKeyInput = z.strictObject({
  ...byHousehold,
  categories: categories(),
  careLevel: z.enum(CARE_LEVELS),
  contactName: userText(20, { scene: 1 }),
  contactPhone: phone(),
  notes: notes().optional(),
});

export const updateKeyInput = z
  .strictObject({
    ...byHousehold,
    categories: categories().optional(),
    careLevel: z.enum(CARE_LEVELS).optional(),
    contactName: userText(20, { scene: 1 }).optional(),
    contactPhone: phone().optional(),
    notes: notes().optional(),
  })
  .refine((x) => Object.keys(x).length > 1, { message: '没有要修改的内容' });

export const unmarkKeyInput = z.strictObject({ ...byHousehold, reason: userText(100) });
export const householdInput = z.strictObject(byHousehold);
export const listVisitsInput = z.strictObject({ ...byHousehold, ...paging });
export const buildingInput = z.strictObject({ buildingId: id() });
export const candidatesInput = z.strictObject({ communityId: id().optional(), ...paging });
export const pairInput = z.strictObject({ ...byHousehold, visitorOpenid: id() });
export const unpairInput = z.strictObject({ ...byHousehold, visitorOpenid: id(), reason: userText(100, { optional: true }).optional() });

export const listInput = z.strictObject({
  scope: z.enum(['mine', 'community']),
  communityId: id().optional(),
  due: z.enum(['due', 'overdue']).optional(),
  visitorOpenid: id().optional(),
  unpaired: z.boolean().optional(),
  ...paging,
});

export const recordVisitInput = z.strictObject({
  ...byHousehold,
  at: z.iso.datetime({ offset: true }).optional(),
  method: z.enum(METHODS),
  outcome: z.enum(OUTCOMES),
  wellbeing: z.enum(WELLBEING).optional(),
  notes: visitNotes().optional(),
  needs: z
    .array(z.strictObject({ category: oneOf(CATEGORY_LABEL), text: userText(200), urgency: oneOf(URGENCY_LABEL).optional() }))
    .max(3)
    .optional(),
  photos: photos().max(3).optional(),
  secretaryVisit: z.boolean().optional(),
  returnForDemandId: id().optional(),
  requestId: id().optional(),
});

export const coverageInput = z.strictObject({ communityId: id(), month: month() });
export const readsInput = z.strictObject({ communityId: id(), householdId: id().optional(), ...paging });
