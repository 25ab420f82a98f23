/** org: reads and writes of households (户, collection `households`) — each change with its audit entry in one transaction. */
import type { HouseholdRecord } from '../../types/admin';
import type { Actor } from '../core/actor';
import type { Paged } from '../../types/domain';
import { _, db } from '../lib/cloud';
import { readPage, toPage } from '../lib/paging';
import { refuse } from '../lib/errors';
import { householdDraft } from './audit-drafts';
import { setAudited } from './audited-write';

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
export const saveHousehold = (actor: Actor, action: string, before: HouseholdRecord | null, after: HouseholdRecord, now: Date): Promise<HouseholdRecord> =>
  setAudited(HOUSEHOLDS, after, householdDraft(actor, action, before, after), now, `该楼栋已有房号「${after.room}」（含已归档的住户）`);

/** A page of a building's households by room (the unique index buildingId + room serves it). */
export async function listHouseholds(buildingId: string, archived: boolean, page: number, pageSize: number): Promise<Paged<HouseholdRecord>> {
  const query = db.collection(HOUSEHOLDS).where({ buildingId, archived: archived ? true : _.neq(true) }).orderBy('room', 'asc');
  return toPage(await readPage<HouseholdRecord>(query, page, pageSize), page, pageSize, (h) => h);
}
