/** Input schemas of the posts actions: the edge's validation, strict and bounded. */
import * as z from 'zod';
import { fileId, id, paging, userText } from '../lib/validate';

const year = () => z.string().regex(/^20\d{2}$/);
const grade = () => z.enum(['excellent', 'good', 'fair', 'poor']);
const count = (max: number) => z.number().int().min(0).max(max);

export const byId = z.strictObject({ id: id() });
export const createPostInput = z.strictObject({
  communityId: id(),
  kind: z.enum(['post', 'zone']),
  name: userText(30),
  duties: userText(300),
  hoursPerYear: z.number().int().min(0).max(500),
});
export const listPostsInput = z.strictObject({ communityId: id().optional(), kind: z.enum(['post', 'zone']).optional(), ...paging });
export const pagingInput = z.strictObject({ ...paging });
export const logWorkInput = z.strictObject({
  postId: id(),
  workedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  hours: z.number().min(0.5).max(12),
  note: userText(200, { scene: 4 }),
});
export const returnLogInput = z.strictObject({ id: id(), reason: userText(200, { scene: 2 }) });
export const listLogsInput = z.strictObject({ scope: z.enum(['mine', 'review']), ...paging });

export const pledgeInput = z.strictObject({ text: userText(100) });
export const fulfilPledgeInput = z.strictObject({ id: id(), note: userText(200, { scene: 4 }), photos: z.array(fileId()).max(3) });
export const ratePledgeInput = z.strictObject({ id: id(), grade: grade(), comment: userText(200, { scene: 2, optional: true }).optional() });
export const residentRateInput = z.strictObject({ id: id(), verdict: z.enum(['satisfied', 'basic', 'unsatisfied']) });
export const listPledgesInput = z.strictObject({ scope: z.enum(['mine', 'community']), communityId: id().optional(), year: year().optional(), ...paging });

export const emptyInput = z.strictObject({});
export const setDutyRulesInput = z.strictObject({ serviceHours: count(500).optional(), checkIns: count(100).optional(), surveys: count(100).optional(), problems: count(100).optional() });
export const myDutiesInput = z.strictObject({ year: year().optional() });
export const unitDutiesInput = z.strictObject({ unitId: id(), year: year().optional(), ...paging });
export const surveyInput = z.strictObject({ note: userText(300, { scene: 4 }) });
export const problemInput = z.strictObject({ openid: id(), note: userText(300, { scene: 4 }) });
