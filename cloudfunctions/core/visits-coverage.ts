/**
 * Coverage (走访覆盖率) of a community for a month: the share of its key households visited with
 * contact within their due window during the month. Each visit adds to ONE counter document per
 * community and month (`visitCoverageChange`), so reading coverage costs that document and the
 * community's key households, never the visits.
 */
import type { Coverage, VisitCounters, VisitRecord } from '../../types/visits';

/** The counter document (collection `visitCoverage`, `_id` = `${communityId}_${month}`). */
export interface CoverageDoc extends VisitCounters {
  _id: string;
  communityId: string;
  month: string;
  /** Household ids with a contact visit in the month (sets, as maps: one write adds a key). */
  visited: Record<string, true>;
  /** Household ids with a contact visit in the month made within their due window. */
  covered: Record<string, true>;
  byVisitor: Record<string, { name: string; visits: number; contacts: number }>;
}

export const coverageId = (communityId: string, month: string) => `${communityId}_${month}`;

/** What one visit adds: counters to increment and set members to add (dotted paths). */
export interface CoverageChange {
  incs: Record<string, number>;
  sets: Record<string, unknown>;
}

export function visitCoverageChange(v: Pick<VisitRecord, 'householdId' | 'visitor' | 'outcome' | 'secretaryVisit' | 'returnForDemandId' | 'needs' | 'onTime'>): CoverageChange {
  const contact = v.outcome === 'contact';
  const incs: Record<string, number> = {
    visits: 1,
    [contact ? 'contacts' : 'noContacts']: 1,
    [`byVisitor.${v.visitor.openid}.visits`]: 1,
    [`byVisitor.${v.visitor.openid}.contacts`]: contact ? 1 : 0,
  };
  if (v.secretaryVisit) incs.secretaryVisits = 1;
  if (contact && v.returnForDemandId) incs.returnVisits = 1;
  if (v.needs.length) incs.needsFound = v.needs.length;
  const sets: Record<string, unknown> = { [`byVisitor.${v.visitor.openid}.name`]: v.visitor.name };
  if (contact) sets[`visited.${v.householdId}`] = true;
  if (contact && v.onTime) sets[`covered.${v.householdId}`] = true;
  return { incs, sets };
}

/** A fresh counter document with one visit's change applied (the month's first visit creates it). */
export function newCoverageDoc(communityId: string, month: string, change: CoverageChange): CoverageDoc {
  const doc: CoverageDoc = {
    _id: coverageId(communityId, month),
    communityId,
    month,
    visits: 0,
    contacts: 0,
    noContacts: 0,
    secretaryVisits: 0,
    returnVisits: 0,
    needsFound: 0,
    visited: {},
    covered: {},
    byVisitor: {},
  };
  const target = doc as unknown as Record<string, unknown>;
  const at = (path: string): [Record<string, unknown>, string] => {
    const keys = path.split('.');
    let o = target;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    return [o, keys[keys.length - 1]];
  };
  for (const [path, by] of Object.entries(change.incs)) {
    const [o, k] = at(path);
    o[k] = ((o[k] as number | undefined) ?? 0) + by;
  }
  for (const [path, value] of Object.entries(change.sets)) {
    const [o, k] = at(path);
    o[k] = value;
  }
  return doc;
}

/**
 * The figures: `active` are the community's active key households now (the denominator, and
 * only their visits count as covered: an unmarked household leaves both), `overdueNow` those of
 * them past their window.
 */
export function coverageOf(doc: CoverageDoc | null, communityId: string, month: string, active: string[], overdueNow: number): Coverage {
  const isActive = new Set(active);
  const count = (set: Record<string, true> | undefined) => Object.keys(set ?? {}).filter((id) => isActive.has(id)).length;
  const covered = count(doc?.covered);
  return {
    communityId,
    month,
    keyHouseholds: active.length,
    coveredHouseholds: covered,
    visitedHouseholds: count(doc?.visited),
    coverageRate: active.length ? covered / active.length : null,
    overdueNow,
    visits: doc?.visits ?? 0,
    contacts: doc?.contacts ?? 0,
    noContacts: doc?.noContacts ?? 0,
    secretaryVisits: doc?.secretaryVisits ?? 0,
    returnVisits: doc?.returnVisits ?? 0,
    needsFound: doc?.needsFound ?? 0,
    byVisitor: Object.entries(doc?.byVisitor ?? {})
      .map(([openid, v]) => ({ openid, name: v.name, visits: v.visits, contacts: v.contacts }))
      .sort((a, b) => b.visits - a.visits || a.openid.localeCompare(b.openid)),
  };
}
