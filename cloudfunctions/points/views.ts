/** What the caller sees of ledger entries, catalogue items and redemptions (activities: ./activity-views.ts). */
import type { Actor } from '../core/actor';
import { managesOwner } from '../core/points-access';
import { redemptionActions, unavailableReason } from '../core/points-redemption';
import type { CatalogueItem, CatalogueItemView, LedgerEntry, LedgerItem, PointAccount, Redemption, RedemptionView } from '../../types/points';

export const toLedgerItem = ({ day: _d, year: _y, ...item }: LedgerEntry): LedgerItem => item;

/** An item with what this reader holds of it and whether they may redeem it now. */
export function toItemView(item: CatalogueItem, account: PointAccount | null, actor: Actor, now: Date): CatalogueItemView {
  const mine = account?.redeemed?.[item._id] ?? 0;
  return { ...item, mine, unavailableReason: unavailableReason(item, account, mine, now), manageable: managesOwner(actor, item.owner) };
}

export const toRedemptionView = (r: Redemption, actor: Actor): RedemptionView => ({ ...r, allowedActions: redemptionActions(r, actor) });
