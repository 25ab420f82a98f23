/** Input schemas of the wishes actions: the edge's validation, strict and bounded. */
import * as z from 'zod';
import { fileId, id, paging, userText } from '../lib/validate';

const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** At most three photos of a wish or of its delivery, each the caller's own upload (checked by the handler). */
const wishPhotos = () => z.array(fileId()).max(3);

export const postInput = z.strictObject({
  title: userText(30),
  reason: userText(200),
  neededBy: day(),
  address: userText(60, { scene: 1 }),
  photos: wishPhotos().optional(),
  /** Staff posting for a resident: the community, and who the wish is for. */
  communityId: id().optional(),
  wisherName: userText(20, { scene: 1 }).optional(),
  wisherPhone: z.string().regex(/^1\d{10}$/).optional(),
  /** The client's key for this form submission: a retry with it posts nothing new. */
  requestId: id().optional(),
});
export const byId = z.strictObject({ id: id() });
export const declineInput = z.strictObject({ id: id(), reason: userText(200, { scene: 2 }) });
export const claimInput = z.strictObject({ id: id(), memberOpenid: id().optional() });
export const fulfilInput = z.strictObject({ id: id(), note: userText(200, { scene: 4 }), photos: wishPhotos() });
export const listInput = z.strictObject({
  scope: z.enum(['wall', 'mine', 'review', 'claimed', 'community']),
  communityId: id().optional(),
  status: z.enum(['pending', 'approved', 'declined', 'claimed', 'fulfilled', 'confirmed']).optional(),
  ...paging,
});
export const countsInput = z.strictObject({ scope: z.enum(['community', 'unit']), id: id() });
