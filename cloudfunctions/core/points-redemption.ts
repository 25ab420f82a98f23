/**
 * Redeeming a catalogue item (兑换) as pure rules: `redeemItem` makes a pending redemption with
 * the facts of holding its points; `redemptionTransition(r, event, actor, now)` moves it on —
 *
 *   pending 待核销 → fulfilled 已核销 (核销: the owner's staff or liaison, by the code)
 *   pending 待核销 → cancelled 已取消 (the redeemer, or whoever may fulfil it; points refunded)
 *
 * — returning the next redemption and the facts to record (ledger entries with the per-item
 * holding, the stock), a repeat, or a typed refusal. `redemptionActions` asks the same function.
 */
import type { CatalogueItem, PointAccount, Redemption, RedemptionAction, RedemptionStatus } from '../../types/points';
import { isLiaisonOf, isStaffOf, type Actor } from './actor';
import type { EntryDraft } from './points';

export const REDEMPTION_STATES: RedemptionStatus[] = ['pending', 'fulfilled', 'cancelled'];

/** Still open: waiting to be handed over or cancelled. */
export const isPending = (r: Pick<Redemption, 'status'>): boolean => r.status === 'pending';

/** Final: handed over or cancelled; nothing moves it again. */
export const isFinal = (r: Pick<Redemption, 'status'>): boolean => r.status === 'fulfilled' || r.status === 'cancelled';

/** Counts toward the person's limit for the item (pending or fulfilled). */
export const holdsItem = (r: Pick<Redemption, 'status'>): boolean => r.status !== 'cancelled';

/** 核销 is done where the item is handed over: the owner's staff or liaison (not the county), never for oneself. */
export function mayFulfil(actor: Actor, r: Pick<Redemption, 'owner' | 'openid'>): boolean {
  if (r.openid === actor.openid) return false;
  return r.owner.scope === 'community' ? isStaffOf(actor.roles, r.owner.id) : isLiaisonOf(actor.roles, r.owner.id);
}

/** Why the caller may not redeem this item now (Chinese), or null. `held`: their pending or fulfilled count. */
export function unavailableReason(item: CatalogueItem, account: Pick<PointAccount, 'balance'> | null, held: number, now: Date): string | null {
  if (!item.active) return '该物品已下架';
  if (now < new Date(item.validFrom)) return '尚未开始兑换';
  if (now > new Date(item.validUntil)) return '已过兑换期';
  if (item.stock <= 0) return '已兑完';
  if (held >= item.perPersonLimit) return `每人限兑 ${item.perPersonLimit} 份`;
  if ((account?.balance ?? 0) < item.cost) return '积分不足';
  return null;
}

export type RedemptionEvent = { event: 'fulfil' } | { event: 'cancel'; reason: string };

export type RedemptionFact =
  /** A ledger entry, and the change of the person's holding of the item in the same account write. */
  | { kind: 'credit'; entry: EntryDraft; holding: { itemId: string; by: 1 | -1 } }
  /** The item's stock changes by this much. */
  | { kind: 'stock'; itemId: string; by: 1 | -1 };

export type RedemptionRefusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE'; message: string };

export type RedemptionTransition = { ok: true; repeat: boolean; redemption: Redemption; facts: RedemptionFact[] } | RedemptionRefusal;

const refuse = (code: RedemptionRefusal['code'], message: string): RedemptionRefusal => ({ ok: false, code, message });

/** The account after a change of its holding of an item (never below 0). */
export function withHolding(a: PointAccount, itemId: string, by: 1 | -1): PointAccount {
  const held = a.redeemed?.[itemId] ?? (by < 0 ? 1 : 0);
  return { ...a, redeemed: { ...a.redeemed, [itemId]: Math.max(0, held + by) } };
}

/**
 * A pending redemption of `item` by `actor`, holding its cost (`redeem_<id>`) and taking one from
 * the stock — or why not (积分不足, 已兑完, 每人限兑 …). `_id` and `code` are made by the caller.
 */
export function redeemItem(
  item: CatalogueItem,
  account: PointAccount | null,
  actor: Actor,
  now: Date,
  made: { _id: string; code: string },
): { ok: true; redemption: Redemption; facts: RedemptionFact[] } | RedemptionRefusal {
  const why = unavailableReason(item, account, account?.redeemed?.[item._id] ?? 0, now);
  if (why) return refuse('INVALID_STATE', why);
  const redemption: Redemption = {
    _id: made._id,
    itemId: item._id,
    itemTitle: item.title,
    owner: item.owner,
    openid: actor.openid,
    name: actor.name,
    cost: item.cost,
    code: made.code,
    status: 'pending',
    createdAt: now,
    fulfilledAt: null,
    fulfilledBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };
  const entry: EntryDraft = {
    key: `redeem_${made._id}`,
    openid: actor.openid,
    name: actor.name,
    points: -item.cost,
    hours: 0,
    source: { type: 'redeem', id: made._id, label: item.title.slice(0, 20) },
    reason: `兑换「${item.title}」`,
    actor: actor.openid,
    actorName: actor.name,
    communityId: null,
    unitId: null,
    home: { communityId: actor.communityId, unitId: actor.unitId },
  };
  return {
    ok: true,
    redemption,
    facts: [
      { kind: 'credit', entry, holding: { itemId: item._id, by: 1 } },
      { kind: 'stock', itemId: item._id, by: -1 },
    ],
  };
}

export function redemptionTransition(r: Redemption, step: RedemptionEvent, actor: Actor, now: Date): RedemptionTransition {
  const repeat: RedemptionTransition = { ok: true, repeat: true, redemption: r, facts: [] };
  switch (step.event) {
    case 'fulfil': {
      if (r.openid === actor.openid) return refuse('FORBIDDEN', '不能核销自己的兑换');
      if (!mayFulfil(actor, r)) return refuse('FORBIDDEN', '只有提供该物品的社区工作人员或单位联络员可以核销');
      if (r.status === 'fulfilled') return repeat; // a repeated scan
      if (r.status !== 'pending') return refuse('INVALID_STATE', '该兑换已取消，不能核销');
      return { ok: true, repeat: false, redemption: { ...r, status: 'fulfilled', fulfilledAt: now, fulfilledBy: actor.openid }, facts: [] };
    }
    case 'cancel': {
      if (r.status === 'cancelled') return repeat;
      if (r.status !== 'pending') return refuse('INVALID_STATE', '已核销的兑换不能取消');
      if (r.openid !== actor.openid && !mayFulfil(actor, r)) return refuse('FORBIDDEN', '您无权取消该兑换');
      const entry: EntryDraft = {
        key: `refund_${r._id}`,
        openid: r.openid,
        name: r.name,
        points: r.cost,
        hours: 0,
        source: { type: 'refund', id: r._id, label: r.itemTitle.slice(0, 20) },
        reason: step.reason || `取消兑换「${r.itemTitle}」，退还积分`,
        actor: actor.openid,
        actorName: actor.name,
        communityId: null,
        unitId: null,
      };
      return {
        ok: true,
        repeat: false,
        redemption: { ...r, status: 'cancelled', cancelledAt: now, cancelledBy: actor.openid, cancelReason: step.reason || null },
        facts: [
          { kind: 'credit', entry, holding: { itemId: r.itemId, by: -1 } },
          { kind: 'stock', itemId: r.itemId, by: 1 },
        ],
      };
    }
  }
}

const EVENTS: { action: RedemptionAction; step: RedemptionEvent }[] = [
  { action: 'fulfil', step: { event: 'fulfil' } },
  { action: 'cancel', step: { event: 'cancel', reason: '' } },
];

/** What this actor may do to the redemption now: the steps the transition would take (not a repeat). */
export function redemptionActions(r: Redemption, actor: Actor): RedemptionAction[] {
  return EVENTS.filter(({ step }) => {
    const t = redemptionTransition(r, step, actor, new Date(0)); // the time only dates the result

    return t.ok && !t.repeat;
  }).map((e) => e.action);
}
