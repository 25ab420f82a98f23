/**
 * Every database read of the stats function: names (regions, units, pairings), the maintained
 * monthly documents (`scorecards`) of a period, and the demands a figure counts. Nothing here
 * scans demands: a figure's items are named by its per-item record first.
 */
import type { CounterDoc } from '../core/stats';
import type { StatsFigure } from '../../types/stats';
import type { HouseholdLite, RosterMember, TallyDoc } from '../core/stats-people';
import type { CoverageDoc } from '../core/visits-coverage';
import type { KeyHousehold } from '../../types/visits';
import type { Demand } from '../../types/dispatch';
import type { Region, Unit } from '../../types/domain';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { readAll } from '../lib/read-all';
import { skipOf } from '../lib/paging';

export type Named = Pick<Region, '_id' | 'name' | 'level' | 'parentId'>;

const NAME_FIELDS = { _id: true, name: true, level: true, parentId: true };

/** The county's towns and communities (and the county itself), by name. */
export async function countyRegions(): Promise<Named[]> {
  return readAll<Named>('regions', { level: _.in(['county', 'town', 'community']) }, NAME_FIELDS);
}

/** A town and its communities. */
export async function townRegions(townId: string): Promise<Named[]> {
  return readAll<Named>('regions', _.or([{ _id: townId }, { parentId: townId, level: 'community' }]) as Data, NAME_FIELDS);
}

export async function allUnits(): Promise<Pick<Unit, '_id' | 'name'>[]> {
  return readAll<Pick<Unit, '_id' | 'name'>>('units', {}, { _id: true, name: true });
}

export async function loadRegion(id: string): Promise<Named | null> {
  return (await db.collection('regions').doc(id).get<Named>()).data;
}

export async function loadUnit(id: string): Promise<Pick<Unit, '_id' | 'name'> | null> {
  return (await db.collection('units').doc(id).get<Pick<Unit, '_id' | 'name'>>()).data;
}

/** An estate (小区（网格）) of a community, by name; archived ones too (their months still count). */
export type EstateName = Pick<Region, '_id' | 'name'> & { archived?: boolean };

/** A community with its paired units' and its estates' names, in one request. */
export async function communityWithUnits(id: string): Promise<(Named & { units: Pick<Unit, '_id' | 'name'>[]; estates: EstateName[] }) | null> {
  const { list } = await db
    .collection('regions')
    .aggregate()
    .match({ _id: id, level: 'community' })
    .lookup({ from: 'pairings', localField: '_id', foreignField: 'communityId', as: 'pairings' })
    .lookup({ from: 'units', localField: 'pairings.unitId', foreignField: '_id', as: 'units' })
    // A community's children are its estates (regions: county › town › community › estate › building).
    .lookup({ from: 'regions', localField: '_id', foreignField: 'parentId', as: 'estates' })
    .end<Named & { units: Unit[]; estates?: Region[] }>();
  const row = list[0];
  if (!row) return null;
  const estates = (row.estates ?? []).filter((e) => e.level === 'estate').map((e) => ({ _id: e._id, name: e.name, ...(e.archived ? { archived: true } : {}) }));
  return { _id: row._id, name: row.name, level: row.level, parentId: row.parentId, units: row.units.map((u) => ({ _id: u._id, name: u.name })), estates };
}

/**
 * The monthly documents of these months (of one scope, of these ids). The per-item records stay
 * behind unless asked for: a ranking needs the counters and the open items' finish times only.
 */
export async function counters(where: { scope?: 'community' | 'unit'; ids?: string[]; months: string[] }, itemsOf?: StatsFigure): Promise<CounterDoc[]> {
  const match: Data = { month: _.in(where.months) };
  if (where.scope) match.scope = where.scope;
  if (where.ids) match.id = where.ids.length === 1 ? where.ids[0] : _.in(where.ids);
  return readAll<CounterDoc>('scorecards', match, itemsOf ? drillFields(itemsOf) : { items: false, estateOf: false });
}

/**
 * What a drill-down into one figure needs of a monthly document (core/stats.ts itemIds): that
 * figure's per-item record, the open items and each item's unit and estate — not the other
 * figures' records, which at a county's volume are most of the document.
 */
function drillFields(figure: StatsFigure): Record<string, boolean> {
  const fields: Record<string, boolean> = { scope: true, id: true, month: true, open: true, openUnit: true, openEstate: true, estateOf: true, 'items.dispatched': true };
  if (figure !== 'openOverdue') fields[`items.${figure}`] = true;
  return fields;
}

export type DemandRow = Pick<Demand, '_id' | 'category' | 'text' | 'status' | 'communityId' | 'createdAt' | 'dispatch' | 'resolvedAt'>;

/** A page of the named demands, newest first. */
export async function demandsByIds(ids: string[], page: number, pageSize: number): Promise<DemandRow[]> {
  if (!ids.length) return [];
  const fields = { _id: true, category: true, text: true, status: true, communityId: true, createdAt: true, dispatch: true, resolvedAt: true };
  const query = db.collection('demands').where({ _id: _.in(ids) }).orderBy('createdAt', 'desc').field(fields);
  return (await query.skip(skipOf(page, pageSize)).limit(pageSize).get<DemandRow>()).data;
}

// ---- people and households ------------------------------------------------------------------

/** Members a roster request returns (a cloud function's most). */
const ROSTER_BATCH = 1000;

type RosterRow = Omit<RosterMember, 'hours'> & { accounts?: { years?: Record<string, { hours?: number }> }[] };

/**
 * The members (党员) in a scope — names and where they work and live, never more — each with their
 * own service hours in `year` from their points account (kept with every ledger entry in its
 * transaction), joined in the same request: a thousand members a request, whatever the entries.
 */
export async function roster(where: { communityIds?: string[]; unitId?: string }, year: string): Promise<RosterMember[]> {
  const match: Data = { 'roles.role': 'member' };
  if (where.communityIds) match.communityId = where.communityIds.length === 1 ? where.communityIds[0] : _.in(where.communityIds);
  if (where.unitId) match.unitId = where.unitId;
  const out: RosterMember[] = [];
  for (let skip = 0; ; skip += ROSTER_BATCH) {
    const { list } = await db
      .collection('users')
      .aggregate()
      .match(match)
      .sort({ _id: 1 })
      .skip(skip)
      .limit(ROSTER_BATCH)
      .lookup({ from: 'pointAccounts', localField: '_id', foreignField: '_id', as: 'accounts' })
      .project({ _id: 1, name: 1, unitId: 1, communityId: 1, 'accounts.years': 1 })
      .end<RosterRow>();
    for (const m of list) out.push({ _id: m._id, name: m.name, unitId: m.unitId ?? null, communityId: m.communityId ?? null, hours: m.accounts?.[0]?.years?.[year]?.hours ?? 0 });
    if (list.length < ROSTER_BATCH) return out;
  }
}

/** Which of these people are members (党员) now. */
export async function membersAmong(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = (await db.collection('users').where({ _id: _.in(ids), 'roles.role': 'member' }).limit(ids.length).field({ _id: true }).get<{ _id: string }>()).data;
  return new Set(rows.map((r) => r._id));
}

/** The leaderboard tallies of these keys (`<scope>_<id>_<period>`), by key. */
export async function tallies(keys: string[]): Promise<Map<string, TallyDoc>> {
  if (!keys.length) return new Map();
  const docs = await readAll<TallyDoc>('pointTallies', { _id: keys.length === 1 ? keys[0] : _.in(keys) }, { _id: true, people: true });
  return new Map(docs.map((d) => [d._id, d]));
}

/** The month's coverage documents of these communities (all: the county). */
export async function coverageDocs(month: string, communityIds?: string[]): Promise<CoverageDoc[]> {
  const match: Data = { month };
  if (communityIds) match.communityId = communityIds.length === 1 ? communityIds[0] : _.in(communityIds);
  return readAll<CoverageDoc>('visitCoverage', match, { communityId: true, month: true, covered: true });
}

/** The active key households of these communities (all: the county): schedule and visitors only. */
export async function activeHouseholds(communityIds?: string[]): Promise<HouseholdLite[]> {
  const match: Data = { active: true };
  if (communityIds) match.communityId = communityIds.length === 1 ? communityIds[0] : _.in(communityIds);
  const rows = await readAll<HouseholdLite>('keyHouseholds', match, { _id: true, communityId: true, nextDueBy: true, visitors: true });
  return rows.map((h) => ({ ...h, visitors: (h.visitors ?? []).map((v) => ({ openid: v.openid, name: v.name })) }));
}

export type OverdueRow = Pick<KeyHousehold, '_id' | 'communityId' | 'careLevel' | 'nextDueBy' | 'lastContactAt' | 'visitors' | 'address' | 'contactName'>;

/** A page of a community's active key households past their window now, longest overdue first, and how many. */
export async function overdueHouseholds(communityId: string, now: Date, page: number, pageSize: number): Promise<{ rows: OverdueRow[]; total: number }> {
  const where = { communityId, active: true, nextDueBy: _.lt(now) };
  const fields = { _id: true, communityId: true, careLevel: true, nextDueBy: true, lastContactAt: true, visitors: true, address: true, contactName: true };
  const [rows, count] = await Promise.all([
    db.collection('keyHouseholds').where(where).orderBy('nextDueBy', 'asc').orderBy('_id', 'asc').field(fields).skip(skipOf(page, pageSize)).limit(pageSize).get<OverdueRow>(),
    db.collection('keyHouseholds').where(where).count(),
  ]);
  return { rows: rows.data, total: count.total };
}

export async function unitsByIds(ids: string[]): Promise<Pick<Unit, '_id' | 'name'>[]> {
  if (!ids.length) return [];
  return readAll<Pick<Unit, '_id' | 'name'>>('units', { _id: ids.length === 1 ? ids[0] : _.in(ids) }, { _id: true, name: true });
}
