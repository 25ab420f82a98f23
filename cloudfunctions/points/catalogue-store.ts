/**
 * Catalogue items and redemptions in the database. Redeeming and cancelling carry out what the
 * pure rules (core/points-redemption.ts) decided IN ONE TRANSACTION that reads the item and the
 * account: the ledger entry with the person's holding, the stock, the redemption — so stock and
 * balance never go below 0 however many redeem at once. 核销 is a compare-and-set on the status.
 */
import { isAdmin, liaisonUnits, staffCommunities } from '../core/actor';
import { withHolding, type RedemptionFact, type RedemptionTransition } from '../core/points-redemption';
import type { RoleGrant } from '../../types/domain';
import type { CatalogueItem, PointAccount, Redemption, RedemptionStatus } from '../../types/points';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { ledgerTransaction, type LedgerTx } from '../lib/ledger';
import { readPage } from '../lib/paging';

export const ITEMS = 'catalogueItems';
export const REDEMPTIONS = 'redemptions';

/**
 * The condition "owned by what the caller manages" (owner.scope / owner.id), {} for the admin, or
 * null when the caller manages nothing.
 */
export function managedOwners(roles: RoleGrant[]): Data | null {
  if (isAdmin(roles)) return {};
  const communities = staffCommunities(roles);
  const units = liaisonUnits(roles);
  const either: Data[] = [];
  if (communities.length) either.push({ 'owner.scope': 'community', 'owner.id': _.in(communities) });
  if (units.length) either.push({ 'owner.scope': 'unit', 'owner.id': _.in(units) });
  if (!either.length) return null;
  return either.length === 1 ? either[0] : (_.or(either) as Data);
}

export async function loadItem(id: string): Promise<CatalogueItem | null> {
  return (await db.collection(ITEMS).doc(id).get<CatalogueItem>()).data;
}

export async function addItem(item: CatalogueItem): Promise<void> {
  await db.collection(ITEMS).add({ data: item });
}

/** Applies a manager's change and reads the item back. */
export async function changeItem(id: string, change: { addStock?: number; validUntil?: Date; active?: boolean }, now: Date): Promise<CatalogueItem> {
  const data: Data = { updatedAt: now };
  // Stock is added with $inc: a redemption committing meanwhile is detected by its transaction and retried.
  if (change.addStock) data.stock = _.inc(change.addStock);
  if (change.validUntil) data.validUntil = change.validUntil;
  if (change.active !== undefined) data.active = change.active;
  await db.collection(ITEMS).doc(id).update({ data });
  return (await loadItem(id))!;
}

/** One page (plus one) of items anyone may redeem now, cheapest first. */
export const availableItems = (now: Date, page: number, pageSize: number) =>
  readPage<CatalogueItem>(db.collection(ITEMS).where({ active: true, stock: _.gt(0), validFrom: _.lte(now), validUntil: _.gt(now) }).orderBy('cost', 'asc'), page, pageSize);

/** One page (plus one) of the items of these owners (managedOwners), newest first. */
export const ownedItems = (owners: Data, page: number, pageSize: number) =>
  readPage<CatalogueItem>(db.collection(ITEMS).where(owners).orderBy('createdAt', 'desc'), page, pageSize);

export async function loadRedemption(id: string): Promise<Redemption | null> {
  return (await db.collection(REDEMPTIONS).doc(id).get<Redemption>()).data;
}

/** The redemption with this code (codes are unique), or null. */
export async function redemptionByCode(code: string): Promise<Redemption | null> {
  return (await db.collection(REDEMPTIONS).where({ code }).limit(1).get<Redemption>()).data[0] ?? null;
}

/** One page (plus one) of redemptions, newest first: a person's (`{ openid }`) or of managed owners. */
export function redemptionsWhere(where: Data, status: RedemptionStatus | undefined, page: number, pageSize: number): Promise<Redemption[]> {
  const condition = status ? (Object.keys(where).length ? (_.and([where, { status }]) as Data) : { status }) : where;
  return readPage<Redemption>(db.collection(REDEMPTIONS).where(condition).orderBy('createdAt', 'desc'), page, pageSize);
}

/** Saves 核销 if the redemption is still pending; false when someone else handled it first. */
export async function saveFulfilled(r: Redemption): Promise<boolean> {
  const res = await db.collection(REDEMPTIONS).where({ _id: r._id, status: 'pending' }).update({ data: { status: r.status, fulfilledAt: r.fulfilledAt, fulfilledBy: r.fulfilledBy } });
  return res.stats.updated === 1;
}

/** Carries out the ledger and stock facts of a redemption's step inside its transaction. */
async function record(tx: LedgerTx, facts: RedemptionFact[], items: Map<string, CatalogueItem | null>): Promise<void> {
  for (const f of facts) {
    if (f.kind === 'credit') await tx.post(f.entry, (a) => withHolding(a, f.holding.itemId, f.holding.by));
    else {
      const item = items.get(f.itemId);
      if (item) await tx.t.collection(ITEMS).doc(f.itemId).update({ data: { stock: item.stock + f.by } });
    }
  }
}

/** Redeeming: the item and the caller's account, `decide`'s redemption and facts, and the redemption itself, in one transaction. */
export function saveRedeemed(
  itemId: string,
  openid: string,
  now: Date,
  decide: (item: CatalogueItem, account: PointAccount | null) => { ok: true; redemption: Redemption; facts: RedemptionFact[] } | { ok: false; code: AppError['code']; message: string },
  keyed: string | null = null,
): Promise<Redemption> {
  return ledgerTransaction(now, async (tx) => {
    // A retried request (the client's key made this id): the first redemption, nothing written.
    const first = keyed ? (await tx.t.collection(REDEMPTIONS).doc(keyed).get<Redemption>()).data : null;
    if (first) {
      if (first.openid !== openid || first.itemId !== itemId) throw refuse.conflict('该请求编号已用于另一次兑换');
      return first;
    }
    const item = (await tx.t.collection(ITEMS).doc(itemId).get<CatalogueItem>()).data!;
    const r = decide(item, await tx.account(openid));
    if (!r.ok) throw new AppError(r.code, r.message);
    await record(tx, r.facts, new Map([[itemId, item]]));
    await tx.t.collection(REDEMPTIONS).add({ data: r.redemption });
    return r.redemption;
  });
}

/** Cancelling: the redemption as it is now, `decide`'s step, the refund, the stock back and the status, in one transaction. */
export function saveCancelledRedemption(id: string, now: Date, decide: (r: Redemption) => RedemptionTransition): Promise<Redemption> {
  return ledgerTransaction(now, async (tx) => {
    const current = (await tx.t.collection(REDEMPTIONS).doc(id).get<Redemption>()).data!;
    const r = decide(current);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (r.repeat) return current;
    const item = (await tx.t.collection(ITEMS).doc(current.itemId).get<CatalogueItem>()).data;
    await record(tx, r.facts, new Map([[current.itemId, item]]));
    const { status, cancelledAt, cancelledBy, cancelReason } = r.redemption;
    await tx.t.collection(REDEMPTIONS).doc(id).update({ data: { status, cancelledAt, cancelledBy, cancelReason } });
    return r.redemption;
  });
}
