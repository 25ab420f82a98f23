/**
 * org: reads and writes of county units (collection `units`) and their pairings with communities
 * (`pairings`, `_id` = `<unitId>_<communityId>`) — each change with its audit entry in one transaction.
 */
import type { Unit, UnitPairing } from '../../types/domain';
import type { Actor } from '../core/actor';
import { auditIn } from '../lib/audit';
import { db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { inTransaction } from '../lib/retry';
import { pairingDraft, unitDraft } from './audit-drafts';
import { setAudited } from './audited-write';

const UNITS = 'units';
const PAIRINGS = 'pairings';

export const pairingIdOf = (unitId: string, communityId: string) => `${unitId}_${communityId}`;

export async function findUnit(unitId: string): Promise<Unit | null> {
  return (await db.collection(UNITS).doc(unitId).get<Unit>()).data;
}

/** The unit, or NOT_FOUND. */
export async function loadUnit(unitId: string): Promise<Unit> {
  const unit = await findUnit(unitId);
  if (!unit) throw refuse.notFound('单位');
  return unit;
}

/** Saves the unit and its audit entry; a name another unit has is a CONFLICT (unique index). */
export const saveUnit = (actor: Actor, action: string, before: Unit | null, after: Unit, now: Date): Promise<Unit> =>
  setAudited(UNITS, after, unitDraft(actor, action, before, after), now, `已有名为「${after.name}」的单位`);

/** Whether the unit is paired with any community (one read). */
export const hasPairings = (unitId: string) => db.collection(PAIRINGS).where({ unitId }).limit(1).get<UnitPairing>().then((r) => r.data.length > 0);

/** Every unit by name and every pairing (two reads). */
export const unitsAndPairings = () =>
  Promise.all([
    db.collection(UNITS).orderBy('name', 'asc').limit(1000).get<Unit>().then((r) => r.data),
    db.collection(PAIRINGS).limit(1000).get<UnitPairing>().then((r) => r.data),
  ]);

/** Idempotent: pairing twice keeps (and answers) the first record. The read and the writes are one transaction. */
export function savePairing(actor: Actor, pairing: UnitPairing, now: Date): Promise<UnitPairing> {
  return inTransaction(
    async (t) => {
      const existing = (await t.collection(PAIRINGS).doc(pairing._id).get<UnitPairing>()).data;
      if (existing) return { ...existing, _id: pairing._id };
      const { _id, ...data } = pairing;
      await t.collection(PAIRINGS).doc(_id).set({ data });
      await auditIn(t, pairingDraft(actor, 'pairUnit', pairing, null, pairing), now);
      return pairing;
    },
    { duplicates: true },
  );
}

/** Removes the pairing and writes its audit entry; removing none changes nothing. */
export function removePairing(actor: Actor, pairingId: string, now: Date): Promise<{ removed: boolean }> {
  return inTransaction(async (t) => {
    const existing = (await t.collection(PAIRINGS).doc(pairingId).get<UnitPairing>()).data;
    if (!existing) return { removed: false };
    await t.collection(PAIRINGS).doc(pairingId).remove();
    await auditIn(t, pairingDraft(actor, 'unpairUnit', { ...existing, _id: pairingId }, existing, null), now);
    return { removed: true };
  });
}
