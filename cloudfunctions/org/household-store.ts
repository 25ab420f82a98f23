/** org: reads and writes of households (户, collection `households`) — each change with its audit entry in one transaction. */
import type { HouseholdRecord } from '../../types/admin';
import type { Actor } from '../core/actor';
import { auditIn } from '../lib/audit';
import { db, isDuplicateWrite } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { inTransaction } from '../lib/retry';
import { householdDraft } from './audit-drafts';

const HOUSEHOLDS = 'households';

/** The household, or NOT_FOUND. */
export async function loadHousehold(householdId: string): Promise<HouseholdRecord> {
  const h = (await db.collection(HOUSEHOLDS).doc(householdId).get<HouseholdRecord>()).data;
  if (!h) throw refuse.notFound('住户');
  return h;
}

/** Whether the household is an active key household of 敲门行动 (one read). */
export async function isKeyHousehold(householdId: string): Promise<boolean> {
  const key = (await db.collection('keyHouseholds').doc(householdId).get<{ active: boolean }>()).data;
  return !!key?.active;
}

/** Saves the household and its audit entry; a room taken in the building is a CONFLICT (a unique index). */
export async function saveHousehold(actor: Actor, action: string, before: HouseholdRecord | null, after: HouseholdRecord, now: Date): Promise<HouseholdRecord> {
  try {
    await inTransaction(async (t) => {
      const { _id, ...data } = after;
      await t.collection(HOUSEHOLDS).doc(_id).set({ data });
      await auditIn(t, householdDraft(actor, action, before, after), now);
    });
  } catch (e) {
    if (isDuplicateWrite(e)) throw refuse.conflict(`该楼栋已有房号「${after.room}」（含已归档的住户）`);
    throw e;
  }
  return after;
}
