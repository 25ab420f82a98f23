/**
 * Where each export's rows come from: the collection, the condition (the caller's scope AND the
 * request's filters — the same rows a read would give them), the order the chunks walk in, and how
 * a page of documents becomes rows. 三率 read the maintained scorecard documents, hours the cached
 * point accounts, coverage the maintained coverage documents: never a scan to count.
 */
import type { Demand, Scorecard } from '../../types/dispatch';
import type { ExportRequest } from '../../types/exports';
import type { CheckIn, LedgerEntry, PointAccount } from '../../types/points';
import type { Coverage, VisitRecord } from '../../types/visits';
import { coverageOf, type CoverageDoc } from '../core/visits-coverage';
import {
  CHECKIN_SHEET,
  COVERAGE_SHEET,
  DEMAND_SHEET,
  checkInRow,
  HOURS_SHEET,
  LEDGER_SHEET,
  SCORECARD_SHEET,
  coverageRow,
  demandRow,
  hoursRow,
  ledgerRow,
  monthRange,
  scorecardRow,
  visitRow,
  visitSheet,
  type Cell,
  type ExportScope,
  type SheetSpec,
} from '../core/exports';
import { openOverdue, scorecard, type Counters } from '../core/scorecard';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { loadRules } from '../lib/points-rules';
import { readAll } from '../lib/read-all';
import type { Cursor } from './store';

/** What one export reads. */
export interface Source {
  /** The chunked sheet first; `tail` sheets are small and written at the end. */
  sheets: SheetSpec[];
  collection: string;
  where: Data;
  /** The field the chunks walk in (then `_id`); '_id' alone for collections without a time. */
  sort: string;
  fields?: Record<string, boolean>;
  rows(docs: Data[], now: Date): Promise<Cell[][]>;
  /** Rows of the sheets after the first, read when the workbook is written. */
  tail?(): Promise<Cell[][][]>;
}

const and = (conds: Data[]): Data => {
  const c = conds.filter((x) => Object.keys(x).length);
  return c.length === 0 ? {} : c.length === 1 ? c[0] : (_.and(c) as Data);
};

const or = (conds: Data[]): Data => (conds.length === 1 ? conds[0] : (_.or(conds) as Data));

/**
 * The scope as a condition: rows of the caller's communities, or of their units (`unitFields`:
 * how a row names its unit). The admin: every row.
 */
function scopeWhere(s: ExportScope, communityField: string | null, unitConds: ((units: string[]) => Data[]) | null): Data {
  if (s.all) return {};
  const conds: Data[] = [];
  if (communityField && s.communities.length) conds.push({ [communityField]: _.in(s.communities) });
  if (unitConds && s.units.length) conds.push(...unitConds(s.units));
  // No branch: a condition nothing matches (never "everything").
  return conds.length ? or(conds) : { _id: _.in([]) };
}

/** A demand is a unit's once accepted by it, or while it is offered to it (dispatch's own read). */
const demandUnitConds = (units: string[]): Data[] => [{ 'dispatch.unitId': _.in(units) }, { 'dispatch.unitId': null, 'dispatch.offeredTo': _.in(units) }];

function range(from: string, to: string, field: string): Data {
  const r = monthRange(from, to);
  if ('ok' in r) throw new Error(r.message); // checked before a job starts
  return { [field]: _.and([_.gte(r.start), _.lt(r.end)]) };
}

export function sourceOf(req: ExportRequest, s: ExportScope, names: Record<string, string>): Source {
  switch (req.kind) {
    case 'demands':
      return {
        sheets: [DEMAND_SHEET],
        collection: 'demands',
        where: and([
          scopeWhere(s, 'communityId', demandUnitConds),
          range(req.from, req.to, 'createdAt'),
          req.communityId ? { communityId: req.communityId } : {},
          req.unitId ? or(demandUnitConds([req.unitId])) : {},
          req.status ? { status: req.status } : {},
          req.category ? { category: req.category } : {},
        ]),
        sort: 'createdAt',
        fields: { photos: false, 'completion.photos': false, returnVisits: false, household: false, 'submitter.phone': false },
        rows: async (docs, now) => docs.map((d) => demandRow(d as unknown as Demand, names, now)),
      };
    case 'scorecards':
      return {
        sheets: [SCORECARD_SHEET],
        collection: 'scorecards',
        where: and([
          { month: req.month },
          s.all ? {} : or([...(s.communities.length ? [{ scope: 'community', id: _.in(s.communities) }] : []), ...(s.units.length ? [{ scope: 'unit', id: _.in(s.units) }] : [])]),
        ]),
        sort: '_id',
        rows: async (docs, now) =>
          docs.map((d) => {
            const c = d as unknown as Counters & { scope: 'community' | 'unit'; id: string; month: string };
            const card: Scorecard = scorecard(c.scope, c.id, c.month, c, openOverdue(c, now));
            return scorecardRow(card, names[c.id] ?? c.id);
          }),
      };
    case 'hours':
      return {
        sheets: [HOURS_SHEET],
        collection: 'pointAccounts',
        where: and([
          scopeWhere(s, 'communityId', (units) => [{ unitId: _.in(units) }]),
          req.communityId ? { communityId: req.communityId } : {},
          req.unitId ? { unitId: req.unitId } : {},
        ]),
        sort: '_id',
        fields: { capDays: false, capMonths: false, redeemed: false, months: false },
        rows: async (docs) => {
          const target = (await loadRules()).yearlyHourTarget;
          return docs.map((a) => hoursRow(a as unknown as PointAccount, req.year, target, names));
        },
      };
    case 'checkIns':
      return {
        sheets: [CHECKIN_SHEET],
        collection: 'checkIns',
        where: and([
          { month: _.and([_.gte(`${req.year}-01`), _.lte(`${req.year}-12`)]) },
          scopeWhere(s, 'communityId', (units) => [{ unitId: _.in(units) }]),
          req.communityId ? { communityId: req.communityId } : {},
          req.unitId ? { unitId: req.unitId } : {},
        ]),
        sort: 'at',
        fields: { note: false },
        rows: async (docs) => docs.map((c) => checkInRow(c as unknown as CheckIn, names)),
      };
    case 'ledger':
      return {
        sheets: [LEDGER_SHEET],
        collection: 'pointLedger',
        where: and([
          { communityId: req.communityId },
          scopeWhere(s, 'communityId', (units) => [{ unitId: _.in(units) }]),
          range(req.from, req.to, 'at'),
        ]),
        sort: 'at',
        rows: async (docs) => docs.map((e) => ledgerRow(e as unknown as LedgerEntry, names)),
      };
    case 'visits': {
      const communities = req.communityId ? [req.communityId] : s.all ? null : s.communities;
      // Notes are free text about a household: only its own community's staff get them, never
      // the county or the town — so only in an export of the staff's own communities.
      const withNotes = !s.all && (communities ?? []).every((c) => s.entitled.includes(c));
      return {
        sheets: [visitSheet(withNotes), COVERAGE_SHEET],
        collection: 'visits',
        where: and([{ month: req.month }, communities ? { communityId: _.in(communities) } : {}]),
        sort: 'at',
        fields: withNotes ? { photos: false } : { photos: false, notes: false },
        rows: async (docs) => {
          const visits = docs as unknown as VisitRecord[];
          const ids = [...new Set(visits.map((v) => v.householdId))];
          const homes = ids.length
            ? (await db.collection('keyHouseholds').where({ _id: _.in(ids) }).field({ _id: true, address: true }).limit(1000).get<{ _id: string; address: string }>()).data
            : [];
          const address = new Map(homes.map((h) => [h._id, h.address]));
          return visits.map((v) => visitRow(v, address.get(v.householdId) ?? '', names, withNotes));
        },
        tail: async () => {
          const where = and([{ month: req.month }, communities ? { communityId: _.in(communities) } : {}]);
          const [docs, active] = await Promise.all([
            readAll<CoverageDoc>('visitCoverage', where),
            readAll<{ _id: string; communityId: string }>('keyHouseholds', and([{ active: true }, communities ? { communityId: _.in(communities) } : {}]), { _id: true, communityId: true }),
          ]);
          const byCommunity = new Map<string, string[]>();
          for (const h of active) byCommunity.set(h.communityId, [...(byCommunity.get(h.communityId) ?? []), h._id]);
          const ids = [...new Set([...docs.map((d) => d.communityId), ...byCommunity.keys()])].sort();
          return [
            ids.map((id) => {
              const c: Coverage = coverageOf(docs.find((d) => d.communityId === id) ?? null, id, req.month, byCommunity.get(id) ?? [], 0);
              return coverageRow(c, names[id] ?? id);
            }),
          ];
        },
      };
    }
  }
}

/** The next page of a source after `cursor`, in its order. */
export async function readPage(src: Source, cursor: Cursor | null, size: number): Promise<Data[]> {
  let where = src.where;
  if (cursor) {
    const after =
      src.sort === '_id' || cursor.at === null
        ? { _id: _.gt(cursor.id) }
        : _.or([{ [src.sort]: _.gt(new Date(cursor.at)) }, { [src.sort]: new Date(cursor.at), _id: _.gt(cursor.id) }]);
    where = and([where, after as Data]);
  }
  let q = db.collection(src.collection).where(where);
  if (src.sort !== '_id') q = q.orderBy(src.sort, 'asc');
  q = q.orderBy('_id', 'asc');
  if (src.fields) q = q.field(src.fields);
  return (await q.limit(size).get<Data>()).data;
}

export function cursorAfter(src: Source, last: Data): Cursor {
  const at = src.sort === '_id' ? null : new Date(last[src.sort] as string).getTime();
  return { at, id: String(last._id) };
}

export async function countOf(src: Source): Promise<number> {
  return (await db.collection(src.collection).where(src.where).count()).total;
}

/**
 * A monthly report workbook: the month's 三率 of its communities and units, and its communities'
 * 走访 coverage (figures only: no visit's notes, no household).
 */
export function packSource(month: string, s: ExportScope, names: Record<string, string>): Source {
  const cards = sourceOf({ kind: 'scorecards', month }, s, names);
  const visits = sourceOf({ kind: 'visits', month }, { ...s, units: [], entitled: [] }, names);
  return { ...cards, sheets: [SCORECARD_SHEET, COVERAGE_SHEET], tail: visits.tail };
}
