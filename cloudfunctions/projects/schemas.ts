/** Input schemas of the projects actions: the edge's validation, strict and bounded. */
import * as z from 'zod';
import { id, paging, photos, userText } from '../lib/validate';

const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const period = () => z.strictObject({ from: day(), to: day() });
const year = () => z.string().regex(/^20\d{2}$/);

export const publishNeedInput = z.strictObject({
  communityId: id(),
  title: userText(30),
  description: userText(300),
  helpWanted: userText(200),
  period: period(),
});
export const byId = z.strictObject({ id: id() });
export const reasonInput = z.strictObject({ id: id(), reason: userText(200, { scene: 2 }) });
export const claimInput = z.strictObject({ id: id(), unitId: id().optional() });
export const publishServiceInput = z.strictObject({
  unitId: id(),
  kind: z.enum(['service', 'resource']),
  title: userText(30),
  description: userText(300),
});
export const requestInput = z.strictObject({ serviceId: id(), communityId: id(), helpWanted: userText(200), period: period() });
export const progressInput = z.strictObject({ id: id(), text: userText(300, { scene: 4 }), photos: photos().optional() });
export const completeInput = z.strictObject({ id: id(), note: userText(300, { scene: 4 }) });
export const rateInput = z.strictObject({ id: id(), value: z.enum(['satisfied', 'basic', 'unsatisfied']), comment: userText(200, { scene: 2 }) });
export const listInput = z.strictObject({
  scope: z.enum(['community', 'unit', 'claimable', 'mine', 'plan']),
  communityId: id().optional(),
  unitId: id().optional(),
  year: year().optional(),
  status: z.enum(['open', 'withdrawn', 'requested', 'declined', 'active', 'completed', 'rated']).optional(),
  ...paging,
});
export const servicesInput = z.strictObject({ unitId: id().optional(), communityId: id().optional(), ...paging });
export const countsInput = z.strictObject({ scope: z.enum(['unit', 'community', 'pairing']), id: id(), year: year() });
