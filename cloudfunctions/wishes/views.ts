/**
 * What the caller may see of a wish. The public wall: what, why, by when, photos and
 * 「王**的微心愿」 — never the wisher's name, address or phone, and no timeline (it names the poster).
 * The wisher, the community's staff, the claimant and the claim's liaison also see who it is for,
 * where and the phone (they deliver it or look after it), and the steps so far.
 */
import { allowedWishActions, liaisonClaimUnits, publicNameOf, seesContact } from '../core/wish';
import type { Actor } from '../core/actor';
import type { Wish, WishView } from '../../types/wishes';
import { tempUrls } from '../lib/storage';

/** Every photo of these wishes, in one call for temporary URLs. */
export async function photoUrls(wishes: Wish[]): Promise<Map<string, string>> {
  return tempUrls([...new Set(wishes.flatMap((w) => [...w.photos, ...(w.fulfilment?.photos ?? [])]))]);
}

export function showWish(w: Wish, a: Actor, urls: Map<string, string>): WishView {
  const photo = (fileID: string) => ({ fileID, url: urls.get(fileID) ?? '' });
  const inner = seesContact(w, a);
  const forUnits = w.status === 'approved' ? liaisonClaimUnits(w, a) : [];
  return {
    _id: w._id,
    communityId: w.communityId,
    title: w.title,
    reason: w.reason,
    neededBy: w.neededBy,
    status: w.status,
    publicName: w.publicName,
    photos: w.photos.map(photo),
    claim: w.claim
      ? {
          name: inner ? w.claim.name : publicNameOf(w.claim.name),
          via: w.claim.via,
          unitName: w.claim.unitName,
          at: w.claim.at,
          // The wisher's side may call the claimant; the claimant's liaison too.
          ...(inner ? { phone: w.claim.phone } : {}),
        }
      : null,
    fulfilment: w.fulfilment ? { note: w.fulfilment.note, photos: w.fulfilment.photos.map(photo), at: w.fulfilment.at } : null,
    declineReason: inner ? w.declineReason : null,
    createdAt: w.createdAt,
    approvedAt: w.approvedAt,
    confirmedAt: w.confirmedAt,
    ...(inner && w.points !== null ? { points: w.points } : {}),
    ...(inner ? { contact: { name: w.wisher.name, phone: w.wisher.phone, address: w.wisher.address }, onBehalf: w.postedBy.onBehalf, timeline: w.timeline } : {}),
    ...(forUnits.length ? { claimableFor: forUnits.map((u) => ({ unitId: u, unitName: w.pairedUnitNames[u] ?? '' })) } : {}),
    allowedActions: allowedWishActions(w, a),
  };
}

export async function showOne(w: Wish, a: Actor): Promise<WishView> {
  return showWish(w, a, await photoUrls([w]));
}
