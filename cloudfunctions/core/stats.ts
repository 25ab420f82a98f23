/**
 * The county's dashboards from maintained figures (pure; `now` passed in).
 *
 * Every figure is read from the monthly scorecard documents the steps write (collection
 * `scorecards`, `<scope>_<id>_<YYYY-MM>`): their counters, the open items' finish times, and a
 * per-item record of each figure, `items.<figure>.<demandId>`, written in the same update as the
 * counter. The record's value names the item's unit ('' while none) — or, for 诉求量 (`received`),
 * its category — so that a community's figures for one of its paired units, and a category's
 * volume, are read from the same document, and a figure opens exactly the items behind it.
 *
 *   响应率 = 按时接单 acceptedWithinSla ÷ 派单 dispatched
 *   解决率 = 已解决 resolved ÷ (resolved + 超期未解决 openOverdue)
 *   满意率 = (满意 + 基本满意) satisfiedOrBasic ÷ 已评价 rated
 *
 * Items count in the month they were dispatched (诉求量: the month they were submitted); a year is
 * the sum of its twelve months, and its open overdue items are those of its months.
 *
 * A community's document also keeps its figures per 小区（网格）, in the same update as its own:
 * `byEstate.<estateKey>.<figure>` counters, the estate of each item it records
 * (`estateOf.<demandId>`, for the drill-down) and of each open item (`openEstate.<demandId>`, for
 * 超期未解决). The key is the estate the demand was filed in (`Demand.estateId`), or `_none` for
 * 「未关联小区」 (no building); region ids are `[\w-]+` like the demand ids of `open.<demandId>`,
 * so no key holds a dot or starts with `$`.
 */
import type { Demand, DemandCategory } from '../../types/dispatch';
import type { Figures, RateKey, StatsFigure, TrendPoint } from '../../types/stats';
import type { Effect } from './demand';
import { monthsBefore } from './calendar';

/** Figures with a per-item record (the others are sums: minutes, 已接单). */
export const ITEM_FIGURES = ['dispatched', 'acceptedWithinSla', 'resolved', 'rated', 'satisfiedOrBasic', 'extended', 'received'] as const;
type ItemFigure = (typeof ITEM_FIGURES)[number];

/** A monthly scorecard document as the dashboards read it. */
export interface CounterDoc {
  scope: 'community' | 'unit';
  id: string;
  month: string;
  dispatched?: number;
  acceptedWithinSla?: number;
  resolved?: number;
  rated?: number;
  satisfiedOrBasic?: number;
  extended?: number;
  received?: number;
  /** 诉求量 by category (community: submitted that month). */
  receivedBy?: Partial<Record<DemandCategory, number>>;
  /** 派单 by category. */
  dispatchedBy?: Partial<Record<DemandCategory, number>>;
  open?: Record<string, Date | string>;
  /** A community's: each open item's unit ('' while offered to all). */
  openUnit?: Record<string, string>;
  /** A community's counters per paired unit. */
  byUnit?: Record<string, Partial<Record<ItemFigure, number>>>;
  /** A community's counters per estate key (documents written before estates were counted: none). */
  byEstate?: Record<string, Partial<Record<EstateFigure, number>>>;
  /** A community's: each open item's estate key. */
  openEstate?: Record<string, string>;
  /** A community's: each item's estate key (read with the per-item records only). */
  estateOf?: Record<string, string>;
  items?: Partial<Record<ItemFigure, Record<string, string>>>;
}

/** The key of 「未关联小区」: demands with no building. Not an id (ids are made of hex digits or named `x-…`). */
export const NO_ESTATE = '_none';

/** Figures a community keeps per estate (`byEstate.<estateKey>.<figure>`). */
const ESTATE_FIGURES = ['received', 'dispatched', 'acceptedWithinSla', 'resolved', 'rated', 'satisfiedOrBasic', 'extended'] as const;
type EstateFigure = (typeof ESTATE_FIGURES)[number];

/** The estate key a demand counts under; undefined for a demand filed before estates were counted. */
export function estateKey(d: Pick<Demand, 'estateId'>): string | undefined {
  if (d.estateId === undefined) return undefined;
  return d.estateId ?? NO_ESTATE;
}

interface FieldChanges {
  incs: Record<string, number>;
  /** Paths to set (a value) or drop (null): `items.<figure>.<demandId>`, `openUnit.<demandId>`. */
  paths: Record<string, string | null>;
}

/** Figures a community also keeps per paired unit (`byUnit.<unitId>.<figure>`), so its dashboard reads counters only. */
const PAIR_FIGURES: readonly string[] = ['dispatched', 'acceptedWithinSla', 'resolved', 'rated', 'satisfiedOrBasic', 'extended'];

type ScoreEffect = Extract<Effect, { kind: 'score' }>;
type DeadlineEffect = Extract<Effect, { kind: 'deadline' }>;

/**
 * What a step's counter and deadline changes add to the maintained figures of each document
 * (keyed `<scope>_<id>_<month>`, the documents the step writes anyway): the per-item record, 派单
 * by category, a community's counters per paired unit, and which unit each open item is with.
 */
export function figureChanges(effects: Effect[], d: Pick<Demand, '_id' | 'category' | 'dispatch' | 'estateId'>): Map<string, FieldChanges> {
  const out = new Map<string, FieldChanges>();
  const at = (e: ScoreEffect | DeadlineEffect) => {
    const key = `${e.scope}_${e.id}_${e.month}`;
    if (!out.has(key)) out.set(key, { incs: {}, paths: {} });
    return out.get(key)!;
  };
  const inc = (c: FieldChanges, k: string, by: number) => (c.incs[k] = (c.incs[k] ?? 0) + by);
  const unit = d.dispatch?.unitId ?? '';
  const estate = estateKey(d);
  const scores = effects.filter((e): e is ScoreEffect => e.kind === 'score');
  // An offer to every paired unit, accepted: it counts for that unit from now (core/demand), in its community's figures too.
  const offerTaken = scores.some((e) => e.scope === 'unit' && e.field === 'dispatched') && scores.some((e) => e.scope === 'community' && e.field === 'accepted');
  for (const e of scores) {
    const c = at(e);
    if ((ITEM_FIGURES as readonly string[]).includes(e.field)) c.paths[`items.${e.field}.${d._id}`] = e.by > 0 ? unit : null;
    if (e.field === 'dispatched') inc(c, `dispatchedBy.${d.category}`, e.by);
    if (e.scope === 'community' && estate !== undefined) {
      if ((ESTATE_FIGURES as readonly string[]).includes(e.field)) inc(c, `byEstate.${estate}.${e.field}`, e.by);
      if ((ITEM_FIGURES as readonly string[]).includes(e.field) && e.by > 0) c.paths[`estateOf.${d._id}`] = estate;
    }
    if (e.scope !== 'community' || !unit) continue;
    if (PAIR_FIGURES.includes(e.field)) inc(c, `byUnit.${unit}.${e.field}`, e.by);
    if (e.field === 'dispatched') c.paths[`openUnit.${d._id}`] = unit;
    if (e.field === 'accepted') {
      c.paths[`items.dispatched.${d._id}`] = unit;
      c.paths[`openUnit.${d._id}`] = unit;
      if (offerTaken) inc(c, `byUnit.${unit}.dispatched`, 1);
    }
  }
  for (const e of effects) {
    if (e.kind !== 'deadline' || e.scope !== 'community') continue;
    if (e.finishBy === null) at(e).paths[`openUnit.${e.demandId}`] = null;
    if (estate !== undefined) at(e).paths[`openEstate.${e.demandId}`] = e.finishBy === null ? null : estate;
  }
  return out;
}

/** 诉求量: one submitted demand on its community's document (and its estate's, when known). */
export function receivedFields(category: DemandCategory, demandId: string, estate?: string): FieldChanges {
  const c: FieldChanges = { incs: { received: 1, [`receivedBy.${category}`]: 1 }, paths: { [`items.received.${demandId}`]: category } };
  if (estate !== undefined) {
    c.incs[`byEstate.${estate}.received`] = 1;
    c.paths[`estateOf.${demandId}`] = estate;
  }
  return c;
}

/** Field changes as effects on scorecard documents, applied once per step with the step's own (lib/effects). */
function asEffects(doc: string, c: FieldChanges, init?: Record<string, unknown>): Effect[] {
  return [
    ...Object.entries(c.incs).map(([field, by]): Effect => ({ kind: 'inc', collection: 'scorecards', doc, field, by, init })),
    ...Object.entries(c.paths).map(([field, value]): Effect => ({ kind: 'set', collection: 'scorecards', doc, field, value, init })),
  ];
}

/** A step's maintained figures (figureChanges) as effects recorded with its counters. */
export function figureEffects(effects: Effect[], d: Pick<Demand, '_id' | 'category' | 'dispatch' | 'estateId'>): Effect[] {
  return [...figureChanges(effects, d)].flatMap(([doc, c]) => asEffects(doc, c));
}

/** 诉求量 of a demand submitted in `month`, as effects on its community's document (made if missing). */
export function receivedEffects(d: Pick<Demand, '_id' | 'category' | 'communityId' | 'estateId'>, month: string): Effect[] {
  const init = { scope: 'community', id: d.communityId, month, open: {} };
  return asEffects(`community_${d.communityId}_${month}`, receivedFields(d.category, d._id, estateKey(d)), init);
}

// ---- periods ---------------------------------------------------------------------------------

export const isYear = (period: string): boolean => /^\d{4}$/.test(period);

/** The months a period sums: the month itself, or January to December. */
export function monthsOf(period: string): string[] {
  if (!isYear(period)) return [period];
  return Array.from({ length: 12 }, (_, i) => `${period}-${String(i + 1).padStart(2, '0')}`);
}

/** The trend's twelve months: the year's, or the twelve ending with the month. */
export function trendMonths(period: string): string[] {
  if (isYear(period)) return monthsOf(period);
  return Array.from({ length: 12 }, (_, i) => monthsBefore(period, 11 - i));
}

// ---- figures ---------------------------------------------------------------------------------

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);

/** The rates and every numerator and denominator behind them. */
export function withRates(c: Omit<Figures, RateKey>): Figures {
  return {
    ...c,
    responseRate: ratio(c.acceptedWithinSla, c.dispatched),
    resolutionRate: ratio(c.resolved, c.resolved + c.openOverdue),
    satisfactionRate: ratio(c.satisfiedOrBasic, c.rated),
  };
}

const overdueIds = (doc: CounterDoc, now: Date) => Object.entries(doc.open ?? {}).filter(([, t]) => new Date(t) < now).map(([id]) => id);

/** The figures of documents summed (a year's months, a town's communities, the county). */
export function sumFigures(docs: CounterDoc[], now: Date): Figures {
  const c = { dispatched: 0, acceptedWithinSla: 0, resolved: 0, openOverdue: 0, rated: 0, satisfiedOrBasic: 0, extended: 0, received: 0 };
  for (const d of docs) {
    c.dispatched += d.dispatched ?? 0;
    c.acceptedWithinSla += d.acceptedWithinSla ?? 0;
    c.resolved += d.resolved ?? 0;
    c.rated += d.rated ?? 0;
    c.satisfiedOrBasic += d.satisfiedOrBasic ?? 0;
    c.extended += d.extended ?? 0;
    c.received += d.received ?? 0;
    c.openOverdue += overdueIds(d, now).length;
  }
  return withRates(c);
}

/** Which items of a community's documents a figure counts, optionally only those of one paired unit, one estate or one category. */
export function itemIds(docs: CounterDoc[], figure: StatsFigure, now: Date, only: { unitId?: string; estateId?: string; category?: string } = {}): string[] {
  const ids = new Set<string>();
  for (const d of docs) {
    const dispatched = d.items?.dispatched ?? {};
    const ofUnit = (id: string, unit?: string) => only.unitId === undefined || (unit ?? d.openUnit?.[id] ?? dispatched[id]) === only.unitId;
    const ofEstate = (id: string) => only.estateId === undefined || (d.estateOf?.[id] ?? d.openEstate?.[id]) === only.estateId;
    if (figure === 'openOverdue') {
      for (const id of overdueIds(d, now)) if (ofUnit(id) && ofEstate(id)) ids.add(id);
      continue;
    }
    for (const [id, value] of Object.entries(d.items?.[figure] ?? {})) {
      if (!ofEstate(id)) continue;
      if (figure === 'received') {
        if (only.category === undefined || value === only.category) ids.add(id);
      } else if (ofUnit(id, d.scope === 'community' ? dispatched[id] ?? value : value)) ids.add(id);
    }
  }
  return [...ids].sort();
}

/** A community's figures for one of its paired units: its counters for that unit and its open items with that unit. */
export function pairFigures(docs: CounterDoc[], unitId: string, now: Date): Figures {
  const c = { dispatched: 0, acceptedWithinSla: 0, resolved: 0, openOverdue: 0, rated: 0, satisfiedOrBasic: 0, extended: 0, received: 0 };
  for (const d of docs) {
    const u = d.byUnit?.[unitId] ?? {};
    c.dispatched += u.dispatched ?? 0;
    c.acceptedWithinSla += u.acceptedWithinSla ?? 0;
    c.resolved += u.resolved ?? 0;
    c.rated += u.rated ?? 0;
    c.satisfiedOrBasic += u.satisfiedOrBasic ?? 0;
    c.extended += u.extended ?? 0;
    c.openOverdue += overdueIds(d, now).filter((id) => d.openUnit?.[id] === unitId).length;
  }
  return withRates(c);
}

/** The estate keys a community's documents count (in no order; documents without estate counters add none). */
export function estateKeys(docs: CounterDoc[]): string[] {
  const keys = new Set<string>();
  for (const d of docs) for (const k of Object.keys(d.byEstate ?? {})) keys.add(k);
  return [...keys];
}

/** A community's figures for one estate key: its counters for that estate and its open items there. */
export function estateFigures(docs: CounterDoc[], estate: string, now: Date): Figures {
  const c = { dispatched: 0, acceptedWithinSla: 0, resolved: 0, openOverdue: 0, rated: 0, satisfiedOrBasic: 0, extended: 0, received: 0 };
  for (const d of docs) {
    const e = d.byEstate?.[estate] ?? {};
    for (const k of ESTATE_FIGURES) c[k] += e[k] ?? 0;
    c.openOverdue += overdueIds(d, now).filter((id) => d.openEstate?.[id] === estate).length;
  }
  return withRates(c);
}

/** The trend: per month the three rates, 派单, and the volume by category (诉求量 of communities, 派单 of units). */
export function trend(docs: CounterDoc[], months: string[], now: Date): TrendPoint[] {
  return months.map((month) => {
    const of = docs.filter((d) => d.month === month);
    const f = sumFigures(of, now);
    const byCategory: Partial<Record<DemandCategory, number>> = {};
    for (const d of of) {
      const by = d.scope === 'community' ? d.receivedBy : d.dispatchedBy;
      for (const [k, v] of Object.entries(by ?? {}) as [DemandCategory, number][]) if (v) byCategory[k] = (byCategory[k] ?? 0) + v;
    }
    const volume = Object.values(byCategory).reduce((a, b) => a + (b ?? 0), 0);
    return { month, responseRate: f.responseRate, resolutionRate: f.resolutionRate, satisfactionRate: f.satisfactionRate, dispatched: f.dispatched, volume, byCategory };
  });
}

// ---- ranking -----------------------------------------------------------------------------------

/** The rates below the target (a rate with nothing to divide by is not marked). */
export function belowTarget(f: Figures, target: number): RateKey[] {
  return (['responseRate', 'resolutionRate', 'satisfactionRate'] as const).filter((k) => f[k] !== null && f[k]! < target);
}

/** Lowest first by the chosen rate; rows with nothing to divide by last; ties by name. */
export function rank<T extends Figures & { name: string }>(rows: T[], by: RateKey): T[] {
  return [...rows].sort((a, b) => {
    const x = a[by];
    const y = b[by];
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'zh') : x === null ? 1 : -1;
    return x - y || a.name.localeCompare(b.name, 'zh');
  });
}

/** The target from configuration: a percentage (JINLIN_RATE_TARGET, default 100 %), as 0–1. */
export function rateTarget(configured: string | undefined): number {
  const n = Number(configured);
  return configured !== undefined && configured !== '' && Number.isFinite(n) && n > 0 && n <= 100 ? n / 100 : 1;
}
