/**
 * Point rules and the ledger's arithmetic — pure, no I/O, `now` passed in. The ledger module
 * (lib/ledger.ts) applies an entry to an account with `applyEntry`; `reconcile` folds the whole
 * ledger through the very same function, so the cache and its recomputation cannot drift apart
 * by construction, only by a lost write.
 */
import type { LedgerEntry, LedgerSourceType, PeriodTotals, PointAccount, PointRules } from '../../types/points';
import { monthsBefore, periodsOf } from './calendar';

/**
 * Defaults (县委组织部 may change them with `setRules`): 10 points a verified hour, 20 for a
 * fulfilled 微心愿, 5 for the monthly 双报到, 10 an activity hour; at most 100 points a day and 500
 * a month from those sources; 光泽's 20 service hours a year.
 */
export const DEFAULT_POINT_RULES: PointRules = {
  perServiceHour: 10,
  perWish: 20,
  perCheckIn: 5,
  perActivityHour: 10,
  dailyCap: 100,
  monthlyCap: 500,
  yearlyHourTarget: 20,
};

/** Sources that earn (count toward totals, leaderboards and caps). Redeem and refund only move the balance. */
const EARNING: Record<LedgerSourceType, boolean> = {
  service: true,
  post: true,
  wish: true,
  activity: true,
  checkIn: true,
  award: true,
  reversal: true,
  redeem: false,
  refund: false,
};

/** Sources held to the daily and monthly caps. A manual award is a staff decision with a reason, so it is not capped. */
const CAPPED: Record<LedgerSourceType, boolean> = {
  service: true,
  post: true,
  wish: true,
  activity: true,
  checkIn: true,
  award: false,
  reversal: false,
  redeem: false,
  refund: false,
};

export const isEarning = (type: LedgerSourceType) => EARNING[type];
export const isCapped = (type: LedgerSourceType) => CAPPED[type];

/**
 * What a source asks the ledger to write (a transition's ledger fact); the ledger applies the
 * caps, dates it and derives the rest (lib/ledger.ts).
 */
export interface EntryDraft {
  key: string;
  openid: string;
  name: string;
  /** Points before the caps (capped sources) or exactly (others). */
  points: number;
  hours: number;
  source: LedgerEntry['source'];
  reason: string;
  actor: string;
  actorName: string;
  /** The community the points are earned for and the unit they count for (leaderboards); null for redeem/refund. */
  communityId: string | null;
  unitId: string | null;
  /** Where the person lives and works, kept on the account (absent: keep what the account has). */
  home?: { communityId: string | null; unitId: string | null };
  reverses?: string | null;
}

/** Points a source earns before caps. Hours are in multiples of 0.5; points are whole. */
export function pointsFor(source: 'service' | 'post' | 'wish' | 'activity' | 'checkIn', hours: number, rules: PointRules): number {
  switch (source) {
    case 'service':
    case 'post':
      return Math.round(hours * rules.perServiceHour);
    case 'wish':
      return Math.round(hours * rules.perServiceHour) + rules.perWish;
    case 'activity':
      return Math.round(hours * rules.perActivityHour);
    case 'checkIn':
      return rules.perCheckIn;
  }
}

/**
 * How far back the cap counters are kept: the latest month an account earned capped points in
 * and the two before it (days and months). A capped entry dated before that window could not be
 * checked against its day, so it is granted nothing (entries are dated when they are posted, so
 * only a back-dated import could be that old).
 */
export const CAP_WINDOW_MONTHS = 3;

type CapCounters = Pick<PointAccount, 'capDays' | 'capMonths'>;

/** The first month the cap counters still keep, given the months they hold (null: they hold none). */
function capFloor(capMonths: Record<string, number>): string | null {
  const latest = Object.keys(capMonths).sort().pop();
  return latest ? monthsBefore(latest, CAP_WINDOW_MONTHS - 1) : null;
}

/**
 * Points granted of `requested` given what the account already earned from capped sources on the
 * day and in the month of `at` (the entry's own date, whatever was posted before or after it):
 * never more than what is left under either cap, never negative. Hours are never capped — they
 * are a fact about service, points are the reward.
 */
export function applyCaps(requested: number, account: Partial<CapCounters> | null, rules: PointRules, at: Date): number {
  if (requested <= 0) return requested;
  const { day, month } = periodsOf(at);
  const days = account?.capDays ?? {};
  const months = account?.capMonths ?? {};
  const floor = capFloor(months);
  if (floor && month < floor) return 0;
  const room = Math.min(rules.dailyCap - (days[day] ?? 0), rules.monthlyCap - (months[month] ?? 0));
  return Math.max(0, Math.min(requested, room));
}

/**
 * The cap counters after a capped entry: its points added to its own day and month, then every
 * day and month before the window dropped. The result depends only on the set of entries, never on
 * the order they were posted in, so reconcile's fold in any order must agree with the account.
 */
export function addToCaps(counters: Partial<CapCounters>, entry: Pick<LedgerEntry, 'points' | 'day' | 'month'>): CapCounters {
  const capDays = { ...(counters.capDays ?? {}) };
  const capMonths = { ...(counters.capMonths ?? {}) };
  if (entry.points !== 0) {
    capDays[entry.day] = (capDays[entry.day] ?? 0) + entry.points;
    capMonths[entry.month] = (capMonths[entry.month] ?? 0) + entry.points;
  }
  const floor = capFloor(capMonths);
  if (floor) {
    for (const m of Object.keys(capMonths)) if (m < floor) delete capMonths[m];
    for (const d of Object.keys(capDays)) if (d.slice(0, 7) < floor) delete capDays[d];
  }
  return { capDays, capMonths };
}

/** A fresh, empty account. */
export function emptyAccount(openid: string, name: string, communityId: string | null, unitId: string | null, now: Date): PointAccount {
  return {
    _id: openid,
    name,
    communityId,
    unitId,
    balance: 0,
    earned: 0,
    hours: 0,
    years: {},
    months: {},
    capDays: {},
    capMonths: {},
    redeemed: {},
    entries: 0,
    updatedAt: now,
  };
}

const add = (t: PeriodTotals | undefined, points: number, hours: number): PeriodTotals => ({
  points: (t?.points ?? 0) + points,
  hours: round2((t?.hours ?? 0) + hours),
});

/** Hours are halves; sums of halves are exact in binary, but keep figures tidy anyway. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The account after one entry: balance always; earned totals by year and month for earning
 * sources; the cap counters for capped sources (on the entry's own day and month, `addToCaps`).
 * `checkIns` counts 双报到 by year (the yearly duties). `redeemed` (per-item holdings) is kept by the
 * redemption code, not by entries.
 */
export function applyEntry(account: PointAccount, entry: Pick<LedgerEntry, 'points' | 'hours' | 'source' | 'day' | 'month' | 'year' | 'at'>): PointAccount {
  const next: PointAccount = { ...account, years: { ...account.years }, months: { ...account.months }, entries: account.entries + 1, updatedAt: entry.at };
  next.balance = account.balance + entry.points;
  next.hours = round2(account.hours + entry.hours);
  if (isEarning(entry.source.type)) {
    next.earned = account.earned + entry.points;
    next.years[entry.year] = add(account.years[entry.year], entry.points, entry.hours);
    next.months[entry.month] = add(account.months[entry.month], entry.points, entry.hours);
  }
  if (isCapped(entry.source.type)) Object.assign(next, addToCaps(account, entry));
  if (entry.source.type === 'checkIn') next.checkIns = { ...(account.checkIns ?? {}), [entry.year]: (account.checkIns?.[entry.year] ?? 0) + 1 };
  return next;
}

/** The leaderboard tallies an entry counts in: its community and its unit, for its month and its year. */
export function tallyKeys(entry: Pick<LedgerEntry, 'source' | 'communityId' | 'unitId' | 'month' | 'year'>): string[] {
  if (!isEarning(entry.source.type)) return [];
  const keys: string[] = [];
  for (const [scope, id] of [['community', entry.communityId], ['unit', entry.unitId]] as const) {
    if (id) keys.push(`${scope}_${id}_${entry.month}`, `${scope}_${id}_${entry.year}`);
  }
  return keys;
}

/**
 * The tallies a redemption's or refund's 已兑换 counts on: the person's home community and unit as
 * the entry records them (`home`), for its month and its year. None for other entries, or for a
 * redemption written before entries recorded the home.
 */
export function redeemedKeys(entry: Pick<LedgerEntry, 'source' | 'home' | 'month' | 'year'>): string[] {
  if (entry.source.type !== 'redeem' && entry.source.type !== 'refund') return [];
  const keys: string[] = [];
  for (const [scope, id] of [['community', entry.home?.communityId], ['unit', entry.home?.unitId]] as const) {
    if (id) keys.push(`${scope}_${id}_${entry.month}`, `${scope}_${id}_${entry.year}`);
  }
  return keys;
}

/** A tally document's people ranked by points, then hours, then name; equal figures share a rank. */
export function rank<T extends { points: number; hours: number; name: string }>(people: Record<string, T>, limit: number): (T & { openid: string; rank: number })[] {
  const rows = Object.entries(people)
    .filter(([, p]) => p.points !== 0 || p.hours !== 0)
    .map(([openid, p]) => ({ ...p, openid }))
    .sort((a, b) => b.points - a.points || b.hours - a.hours || a.name.localeCompare(b.name, 'zh') || a.openid.localeCompare(b.openid));
  const out: (T & { openid: string; rank: number })[] = [];
  rows.forEach((r, i) => {
    const prev = out[i - 1];
    const same = prev && prev.points === r.points && prev.hours === r.hours;
    out.push({ ...r, rank: same ? prev.rank : i + 1 });
  });
  return out.slice(0, limit);
}

/** Progress toward the yearly hour target: at most 1, and `met` once reached. */
export function targetProgress(hoursThisYear: number, rules: Pick<PointRules, 'yearlyHourTarget'>): { hours: number; progress: number; met: boolean } {
  const target = rules.yearlyHourTarget;
  if (target <= 0) return { hours: target, progress: 1, met: true };
  return { hours: target, progress: Math.min(1, round2(hoursThisYear / target)), met: hoursThisYear >= target };
}

/** A short random code from an alphabet without look-alikes (no 0/O, 1/I/L), from `random` in [0, 1). */
export function makeCode(length: number, random: () => number): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

/**
 * The ledger key of a member's verified hours on a demand: one per member and round of work, so
 * a verification credits once however often it is retried, and work redone after a 不满意 reopen
 * (round 1) is credited as the new hours it is.
 */
export function serviceKey(demandId: string, openid: string, round: number): string {
  return round > 0 ? `demand_${demandId}_r${round}_${openid}` : `demand_${demandId}_${openid}`;
}
