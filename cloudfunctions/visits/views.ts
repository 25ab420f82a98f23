/**
 * What a caller may see of key households and visits. Every shape is built field by field, so a
 * field added to a stored shape never leaks into a response; phones are masked in lists.
 */
import { householdDueStatus } from '../core/visits';
import { allowedActions, visitorKind, type Caller } from '../core/visits-access';
import { actorOf } from '../core/actor';
import { maskPhone } from '../core/mask';
import type { User } from '../../types/domain';
import type {
  BuildingHousehold,
  HouseholdCare,
  KeyHousehold,
  KeyHouseholdDetail,
  KeyHouseholdSummary,
  PairingChange,
  VisitorCandidate,
  VisitRecord,
  VisitView,
} from '../../types/visits';
import { tempUrls } from '../lib/storage';

/** The list shape: no sensitive field, a masked phone. */
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

/** Visits with temporary URLs for their photos (one storage call for all of them). */
export async function toVisitViews(visits: VisitRecord[]): Promise<VisitView[]> {
  const urls = await tempUrls(visits.flatMap((v) => v.photos));
  return visits.map(({ recordedAt: _r, communityId: _c, pendingEffects: _p, effectsDue: _e, ...v }) => ({ ...v, photoUrls: v.photos.map((p) => urls.get(p) ?? '') }));
}

/** What a detail shows beyond the summary; `care` and `visits` only for a permitted reader. */
export interface DetailParts {
  care: HouseholdCare | null;
  visits: VisitView[];
  pairingChanges: PairingChange[];
}

export function toDetail(h: KeyHousehold, reader: Caller, now: Date, parts: DetailParts): KeyHouseholdDetail {
  const { care } = parts;
  return {
    ...toSummary(h, now),
    active: h.active,
    care: care ? { categories: care.categories, contactPhone: care.contactPhone, notes: care.notes } : null,
    recentVisits: parts.visits,
    pairingChanges: parts.pairingChanges,
    allowedActions: allowedActions(h, reader),
  };
}

export function toBuildingHousehold(h: { _id: string; room: string }, buildingName: string, isKey: boolean): BuildingHousehold {
  return { householdId: h._id, room: h.room, address: `${buildingName} ${h.room}`, isKey };
}

/** A person found by the candidates query (so a visitor kind for `communityId`). */
export function toCandidate(u: User, communityId: string, pairedUnits: string[]): VisitorCandidate {
  return {
    openid: u._id,
    name: u.name,
    kind: visitorKind(actorOf(u), communityId, pairedUnits)!,
    unitId: u.roles.find((g) => g.role === 'member')?.unitId ?? null,
  };
}
