/**
 * Key households in the database: loading, the shapes a response may carry, and the log of
 * sensitive reads. Lists are built from `keyHouseholds` alone, which holds no sensitive field, so
 * no list can leak one; `householdCare` is read only where `detail` decides the reader may see it.
 */
import { householdDueStatus } from '../core/visits';
import { maskPhone } from '../core/mask';
import type {
  HouseholdCare,
  KeyHousehold,
  KeyHouseholdSummary,
  PairingChange,
  SensitiveRead,
  VisitRecord,
  VisitView,
} from '../../types/visits';
import crypto from 'node:crypto';
import { cloud, db } from '../lib/cloud';

export const KEY = 'keyHouseholds';
export const CARE = 'householdCare';
export const VISITS = 'visits';
export const PAIRINGS = 'visitPairings';
export const READS = 'sensitiveReads';
export const COVERAGE = 'visitCoverage';

export async function loadKeyHousehold(id: string): Promise<KeyHousehold | null> {
  return (await db.collection(KEY).doc(id).get<KeyHousehold>()).data;
}

export async function loadCare(id: string): Promise<HouseholdCare | null> {
  return (await db.collection(CARE).doc(id).get<HouseholdCare>()).data;
}

/** The list shape: built field by field, so a field added to the stored shape never leaks into it. */
export function toSummary(h: KeyHousehold, now: Date): KeyHouseholdSummary {
  return {
    householdId: h._id,
    communityId: h.communityId,
    buildingId: h.buildingId,
    address: h.address,
    careLevel: h.careLevel,
    contactName: h.contactName,
    contactPhone: maskPhone(h.contactPhoneMasked),
    visitors: h.visitors.map((v) => ({ openid: v.openid, name: v.name, kind: v.kind })),
    lastContactAt: h.lastContactAt,
    lastVisitAt: h.lastVisitAt,
    dueFrom: h.nextDueFrom,
    dueBy: h.nextDueBy,
    dueStatus: householdDueStatus(h, now),
    returnsDue: h.returnsDue,
  };
}

/** Temporary URLs for photo file ids (one call for all of them; none when there are none). */
export async function photoUrls(fileIds: string[]): Promise<Map<string, string>> {
  if (!fileIds.length) return new Map();
  const res = (await cloud.getTempFileURL({ fileList: fileIds })) as unknown as { fileList: { fileID: string; tempFileURL: string }[] };
  return new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
}

export async function toVisitViews(visits: VisitRecord[]): Promise<VisitView[]> {
  const urls = await photoUrls(visits.flatMap((v) => v.photos));
  return visits.map(({ recordedAt: _r, communityId: _c, ...v }) => ({ ...v, photoUrls: v.photos.map((p) => urls.get(p) ?? '') }));
}

export async function recentVisits(householdId: string, skip: number, limit: number): Promise<VisitRecord[]> {
  return (await db.collection(VISITS).where({ householdId }).orderBy('at', 'desc').skip(skip).limit(limit).get<VisitRecord>()).data;
}

export async function pairingChanges(householdId: string, limit = 20): Promise<PairingChange[]> {
  return (await db.collection(PAIRINGS).where({ householdId }).orderBy('at', 'desc').limit(limit).get<PairingChange>()).data;
}

/**
 * Records a read of a household's sensitive fields BEFORE they are returned: if the log cannot be
 * written, the request fails and nothing sensitive leaves the server.
 */
export async function logSensitiveRead(
  h: Pick<KeyHousehold, '_id' | 'address' | 'communityId'>,
  reader: { openid: string; name: string },
  readerRole: SensitiveRead['readerRole'],
  action: SensitiveRead['action'],
  now: Date,
): Promise<void> {
  const entry: SensitiveRead = {
    _id: crypto.randomBytes(12).toString('hex'),
    householdId: h._id,
    address: h.address,
    communityId: h.communityId,
    reader,
    readerRole,
    action,
    at: now,
  };
  await db.collection(READS).add({ data: entry });
}
