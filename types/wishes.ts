/**
 * 微心愿 (wishes): contracts shared by the `wishes` function and the app.
 *
 * A wish is a small, concrete wish of a resident in need (a pair of reading glasses, a ride to the
 * county hospital), posted by the resident or by staff for them, approved by the community's staff
 * onto the community's wall, claimed by exactly one person (a member of a paired unit, a resident
 * who volunteers, or a member a unit's liaison assigns), fulfilled with a photo, and confirmed by
 * the wisher or staff — which credits the claimant's points (the `perWish` rule) once.
 *
 *   pending 待审核 → approved 待认领 (on the wall) | declined 未通过
 *   approved → claimed 已认领 → fulfilled 待确认 → confirmed 已实现
 *   claimed → approved (退出认领: the claimant, or the liaison who claimed for the unit, before fulfilling)
 */
import type { Paged } from './domain';

export type WishStatus = 'pending' | 'approved' | 'declined' | 'claimed' | 'fulfilled' | 'confirmed';

/** What a person can do to a wish; each is an action of the `wishes` function. */
export type WishEvent = 'approve' | 'decline' | 'claim' | 'withdraw' | 'fulfil' | 'confirm';

/** How a wish was claimed: by a member for their paired unit, by a resident volunteering, or by a liaison for the unit (a member assigned). */
export type WishClaimVia = 'member' | 'resident' | 'unit';

/** Who claimed a wish and will deliver it. One per wish at a time: a claim withdrawn before fulfilling returns the wish to the wall. */
export interface WishClaim {
  /** The person who delivers it (the member assigned, when a liaison claimed for the unit). */
  openid: string;
  name: string;
  /** Stored in full: the wisher's staff may call them. */
  phone: string;
  via: WishClaimVia;
  /** The paired unit it is claimed for (member, unit); null for a resident volunteering. */
  unitId: string | null;
  unitName: string | null;
  /** Who pressed 认领 (the liaison, when via 'unit'). */
  claimedBy: string;
  /** Where the claimant lives and works, for their points account when the wish is confirmed. */
  home: { communityId: string | null; unitId: string | null };
  at: Date | string;
}

/** One step in a wish's life: who, when, from which state to which, and why. */
export interface WishStep {
  event: 'post' | WishEvent;
  from: WishStatus | null;
  to: WishStatus;
  by: string;
  byName: string;
  at: Date | string;
  note: string | null;
}

/** A wish as stored (collection `wishes`). */
export interface Wish {
  _id: string;
  communityId: string;
  /** What is wished for (心愿), e.g. 「一副老花镜」. */
  title: string;
  /** Why (心愿原因), in the wisher's words. */
  reason: string;
  /** By when (期望日期), a China day YYYY-MM-DD, in the future when posted. */
  neededBy: string;
  /** Optional photos (the wisher's or the poster's uploads, lib/storage `ownsPhoto`). */
  photos: string[];
  /**
   * Who the wish is for, with what the claimant needs to deliver it. Never on the public wall:
   * there the wish reads 「王**的微心愿」 (`publicName`).
   */
  wisher: { openid: string | null; name: string; phone: string; address: string };
  /** 「王**」: the surname and one star per other character. */
  publicName: string;
  /** Who posted it: the wisher, or staff on their behalf. */
  postedBy: { openid: string; name: string; onBehalf: boolean };
  status: WishStatus;
  /** The units paired with the community when staff approved it: whose members may claim it. */
  pairedUnitIds: string[];
  /** Names of those units, for the claim form. */
  pairedUnitNames: Record<string, string>;
  claim: WishClaim | null;
  fulfilment: { note: string; photos: string[]; at: Date | string } | null;
  declineReason: string | null;
  approvedAt: Date | string | null;
  confirmedAt: Date | string | null;
  /** The ledger entry of the claimant's points (`wish_<id>`), once confirmed. */
  entryId: string | null;
  /** The points that entry gave (after the day and month caps). */
  points: number | null;
  /** On the community's wall (approved and after), for the wall's query. */
  onWall: boolean;
  timeline: WishStep[];
  /** Compare-and-set counter: every change adds one. */
  version: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

/** A claim as the wall's reader sees it: the unit (or 热心居民), never a phone. */
export interface WishClaimView {
  name: string;
  via: WishClaimVia;
  unitName: string | null;
  at: Date | string;
  /** Only to the wisher's side (the wisher, staff) and the liaison: to call the claimant. */
  phone?: string;
}

/**
 * A wish as this caller may see it. On the public wall: what, why, by when, photos, 「王**的微心愿」 —
 * no name, address or phone (`contact` absent). The wisher, the community's staff, the claimant
 * and the claim's liaison also get `contact` (the claimant and staff need it to deliver).
 */
export interface WishView {
  _id: string;
  communityId: string;
  title: string;
  reason: string;
  neededBy: string;
  status: WishStatus;
  /** 「王**的微心愿」 on the wall. */
  publicName: string;
  photos: { fileID: string; url: string }[];
  claim: WishClaimView | null;
  fulfilment: { note: string; photos: { fileID: string; url: string }[]; at: Date | string } | null;
  declineReason: string | null;
  createdAt: Date | string;
  approvedAt: Date | string | null;
  confirmedAt: Date | string | null;
  /** The points the claimant earned on confirmation (after caps), when the caller may see them. */
  points?: number;
  /** Who the wish is for and where: only to those who deliver it or look after it. */
  contact?: { name: string; phone: string; address: string };
  /** Posted by staff for someone without the app. */
  onBehalf?: boolean;
  /** The paired units whose members may claim it (a liaison picks theirs when claiming for the unit). */
  claimableFor?: { unitId: string; unitName: string }[];
  /** The steps so far, only to the wisher's side and the claimant. */
  timeline?: WishStep[];
  allowedActions: WishEvent[];
}

/** Which wishes a list shows. */
export type WishListScope =
  /** The community's wall: approved and later, newest approved first (any registered person). */
  | 'wall'
  /** 我的心愿: wishes for the caller (posted by them or for them). */
  | 'mine'
  /** 待审核: the pending wishes of the caller's communities (staff). */
  | 'review'
  /** 我认领的: the wishes the caller claimed, or, for a liaison, their unit's. */
  | 'claimed'
  /** 本社区全部: every wish of the caller's communities (staff), any status. */
  | 'community';

/** 认领、完成 per community or unit (collection `wishCounts`, `<scope>_<id>`), kept with each claim and confirmation. */
export interface WishCounts {
  scope: 'community' | 'unit';
  id: string;
  /** Wishes claimed (认领). */
  claimed: number;
  /** Wishes confirmed received (完成). */
  confirmed: number;
}

type ById = { id: string };

export interface WishesApi {
  /**
   * A resident bound to a community posts their own wish; staff of a community post one for a
   * resident (`communityId`, `wisherName`, `wisherPhone`). `neededBy` (YYYY-MM-DD) must be after
   * today; `photos` are the poster's uploads (dispatch.uploadPhoto). It waits for staff (pending).
   */
  post: {
    req: {
      title: string;
      reason: string;
      neededBy: string;
      address: string;
      photos?: string[];
      communityId?: string;
      wisherName?: string;
      wisherPhone?: string;
      /** A client-made key per form submission, kept across retries: the same key from the same person posts one wish (the first's answer). */
      requestId?: string;
    };
    res: WishView;
  };
  /** Staff of its community: put it on the wall. */
  approve: { req: ById; res: WishView };
  /** Staff of its community: decline it, with a reason the wisher sees. */
  decline: { req: ById & { reason: string }; res: WishView };
  /**
   * 认领: a member of a paired unit, a resident of the community (volunteering), or — with
   * `memberOpenid` — a paired unit's liaison for a member of their unit. Exactly one claimant.
   * Never one's own wish.
   */
  claim: { req: ById & { memberOpenid?: string }; res: WishView };
  /** 退出认领: the claimant (or the liaison who claimed for the unit), before fulfilling; the wish returns to the wall. */
  withdraw: { req: ById; res: WishView };
  /** The claimant: delivered, with a note and at least one photo. */
  fulfil: { req: ById & { note: string; photos: string[] }; res: WishView };
  /** The wisher, or staff of its community: received. Credits the claimant `perWish` points once; never the claimant themselves. */
  confirm: { req: ById; res: WishView };
  /** One wish as the caller may see it. */
  detail: { req: ById; res: WishView };
  /** A page of wishes; `communityId` for the wall (default: the caller's community) and staff's lists. */
  list: { req: { scope: WishListScope; communityId?: string; status?: WishStatus; page?: number; pageSize?: number }; res: Paged<WishView> };
  /** 认领、完成 of a community or a unit (any registered person). */
  counts: { req: { scope: 'community' | 'unit'; id: string }; res: WishCounts };
}
