/**
 * The dashboards' figures of people and households, from maintained documents only: the
 * leaderboard tallies (`pointTallies`, folded from the ledger: per person points, hours, 双报到
 * check-ins and points redeemed, per community and unit, per month and year — lib/tallies.ts)
 * and the month's coverage documents (`visitCoverage`, core/visits-coverage.ts). Pure: the
 * roster, the documents and `now` are passed in.
 */
import type { CheckInRow, CoverageRow, HoursRow, MemberFigure, MemberFigureKey, PointsRow } from '../../types/stats';
import type { CoverageDoc } from './visits-coverage';

/** A tally document's person row (fields absent on older rows count 0). */
export interface TallyRow {
  name: string;
  points: number;
  hours: number;
  checkIns?: number;
  redeemed?: number;
}

export interface TallyDoc {
  _id: string;
  people: Record<string, TallyRow>;
}

/** A member of the roster (users with the member role, in the dashboard's scope). */
export interface RosterMember {
  _id: string;
  name: string;
  /** Where they work now: the unit their figures count under. */
  unitId: string | null;
  communityId: string | null;
  /** Their own service hours in the dashboard's year (their points account's year total), wherever and in whichever unit earned. */
  hours: number;
}

export const tallyKey = (scope: 'community' | 'unit', id: string, period: string) => `${scope}_${id}_${period}`;

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Each member's hours this year — their own year total (the roster's, from their account), so a
 * member who changed unit keeps the hours earned under the old one and counts them under the unit
 * they are in now — and 双报到 in `months`: their unit's monthly tallies.
 */
export function memberFigures(roster: RosterMember[], tallies: Map<string, TallyDoc>, months: string[]): MemberFigure[] {
  return roster.map((m) => {
    const row = (period: string) => (m.unitId ? tallies.get(tallyKey('unit', m.unitId, period))?.people[m._id] : undefined);
    return {
      openid: m._id,
      name: m.name,
      unitId: m.unitId,
      communityId: m.communityId,
      hours: round1(m.hours),
      checkIns: months.filter((month) => (row(month)?.checkIns ?? 0) > 0).length,
    };
  });
}

/** Does the member count in the figure? (`reported`: in the month asked, i.e. checkIns of that month > 0.) */
export function counts(figure: MemberFigureKey, m: MemberFigure, target: number): boolean {
  switch (figure) {
    case 'members':
      return true;
    case 'atTarget':
      return m.hours >= target;
    case 'behind':
      return m.hours < target;
    case 'reported':
      return m.checkIns > 0;
    case 'notReported':
      return m.checkIns === 0;
  }
}

function hoursOf(people: MemberFigure[], target: number): Omit<HoursRow, 'unitId' | 'name'> {
  const atTarget = people.filter((m) => counts('atTarget', m, target)).length;
  return { members: people.length, atTarget, behind: people.length - atTarget, hours: round1(people.reduce((s, m) => s + m.hours, 0)), rate: ratio(atTarget, people.length) };
}

/** By unit (every named unit, and those of the roster), lowest share at target first. */
export function hoursRows(people: MemberFigure[], units: { _id: string; name: string }[], target: number): { total: Omit<HoursRow, 'unitId' | 'name'>; rows: HoursRow[] } {
  const rows = units.map((u) => ({ unitId: u._id, name: u.name, ...hoursOf(people.filter((m) => m.unitId === u._id), target) }));
  return { total: hoursOf(people, target), rows: lowestFirst(rows) };
}

function checkInOf(people: MemberFigure[], month: string): Omit<CheckInRow, 'unitId' | 'name'> {
  const reported = people.filter((m) => m.checkIns > 0).length;
  return { month, members: people.length, reported, rate: ratio(reported, people.length) };
}

/** `people` figured for `month` alone (checkIns: 0 or 1). */
export function checkInRows(people: MemberFigure[], units: { _id: string; name: string }[], month: string): { total: Omit<CheckInRow, 'unitId' | 'name'>; rows: CheckInRow[] } {
  const rows = units.map((u) => ({ unitId: u._id, name: u.name, ...checkInOf(people.filter((m) => m.unitId === u._id), month) }));
  return { total: checkInOf(people, month), rows: lowestFirst(rows) };
}

const sum = (doc: TallyDoc | undefined, field: 'points' | 'redeemed') => Object.values(doc?.people ?? {}).reduce((s, p) => s + (p[field] ?? 0), 0);

/**
 * The people behind a 志愿积分 figure: every row of its tally with a share of it (earned: points;
 * redeemed: 已兑换), highest first, then by name. Members or not — a community's tally holds every
 * volunteer who served there. Their shares add up to the figure (`sum`, as pointsRow adds them).
 */
export function pointPeople(doc: TallyDoc | undefined, figure: 'earned' | 'redeemed'): { rows: { openid: string; name: string; points: number; hours: number }[]; sum: number } {
  const field = figure === 'earned' ? 'points' : 'redeemed';
  const rows = Object.entries(doc?.people ?? {})
    .map(([openid, p]) => ({ openid, name: p.name, points: p[field] ?? 0, hours: round1(p.hours ?? 0) }))
    .filter((p) => p.points !== 0)
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'zh') || a.openid.localeCompare(b.openid));
  return { rows, sum: sum(doc, field) };
}

/** Points earned (counted where earned) and redeemed (on the home community or unit) in the month and the year. */
export function pointsRow(scope: 'community' | 'unit', id: string, name: string, tallies: Map<string, TallyDoc>, month: string, year: string): PointsRow {
  const m = tallies.get(tallyKey(scope, id, month));
  const y = tallies.get(tallyKey(scope, id, year));
  return { scope, id, name, earnedMonth: sum(m, 'points'), redeemedMonth: sum(m, 'redeemed'), earnedYear: sum(y, 'points'), redeemedYear: sum(y, 'redeemed') };
}

/** Rows with no rate (nobody to count) last; then lowest first, then by name. */
function lowestFirst<T extends { rate: number | null; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name, 'zh'));
}

// ---- 敲门 coverage ---------------------------------------------------------------------------

/** An active key household as the coverage figures need it. */
export interface HouseholdLite {
  _id: string;
  communityId: string;
  nextDueBy: Date | string;
  visitors: { openid: string; name: string }[];
}

function coverageOf(households: HouseholdLite[], covered: (h: HouseholdLite) => boolean, now: Date) {
  const n = households.filter(covered).length;
  return {
    keyHouseholds: households.length,
    covered: n,
    rate: ratio(n, households.length),
    overdue: households.filter((h) => new Date(h.nextDueBy).getTime() < now.getTime()).length,
  };
}

/**
 * Coverage by community and by visitor: a household counts covered when the month's document of
 * its community holds it in `covered` (a contact visit within its window); a visitor's rate is
 * over the active households paired with them. Lowest first.
 */
export function coverageRows(communities: { _id: string; name: string }[], docs: CoverageDoc[], households: HouseholdLite[], now: Date) {
  const doc = new Map(docs.map((d) => [d.communityId, d]));
  const isCovered = (h: HouseholdLite) => doc.get(h.communityId)?.covered?.[h._id] === true;
  const rows: CoverageRow[] = communities.map((c) => ({ id: c._id, name: c.name, ...coverageOf(households.filter((h) => h.communityId === c._id), isCovered, now) }));
  const visitors = new Map<string, { name: string; communityId: string; homes: HouseholdLite[] }>();
  for (const h of households) {
    for (const v of h.visitors) {
      const key = `${h.communityId}:${v.openid}`;
      const row = visitors.get(key) ?? { name: v.name, communityId: h.communityId, homes: [] };
      row.homes.push(h);
      visitors.set(key, row);
    }
  }
  const byVisitor: CoverageRow[] = [...visitors].map(([key, v]) => ({ id: key.slice(key.indexOf(':') + 1), name: v.name, communityId: v.communityId, ...coverageOf(v.homes, isCovered, now) }));
  return { total: coverageOf(households, isCovered, now), communities: lowestFirst(rows), visitors: lowestFirst(byVisitor) };
}
