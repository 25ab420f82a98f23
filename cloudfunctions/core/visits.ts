/**
 * Visit schedules (Pillar 3): care levels → intervals and due windows, the next due window from
 * the last visit WITH CONTACT (敲门未遇 is an attempt and moves nothing), return visits (回访) owed
 * after a resolved demand, and what a recorded visit changes. Pure: `now` is passed in.
 *
 * Days are China days (UTC+8, no daylight saving), whatever the server's time zone: a visit on
 * Monday afternoon makes a weekly household due by the end of next Monday, as a visitor counts.
 */
import type { CareLevel, DueStatus, KeyHousehold, ReturnVisitDue, VisitOutcome } from '../../types/visits';
import type { DemandCategory } from '../../types/dispatch';
import { chinaDayEnd, chinaDayStart, DAY } from './calendar';


/**
 * Care level → visit interval and the due window before its end (configuration, not code paths).
 * The window opens `windowDays` before the interval ends, so a weekly household visited on a
 * Monday is due from Friday to the end of the next Monday, and overdue from Tuesday.
 */
export const CARE_LEVELS: Record<CareLevel, { intervalDays: number; windowDays: number }> = {
  weekly: { intervalDays: 7, windowDays: 3 },
  fortnightly: { intervalDays: 14, windowDays: 4 },
  monthly: { intervalDays: 30, windowDays: 7 },
};

/** A return visit is owed within this many days after the demand is resolved. */
export const RETURN_VISIT_DAYS = 7;

/** A visit may be recorded up to this many days after it happened. */
export const MAX_BACKDATE_DAYS = 7;

export interface DueWindow {
  dueFrom: Date;
  dueBy: Date;
}

/**
 * The regular due window of a household: from its last contact if any, else from when it was
 * marked (a new key household is due at once and must be visited within one interval).
 */
export function dueWindow(level: CareLevel, lastContactAt: Date | null, markedAt: Date): DueWindow {
  const { intervalDays, windowDays } = CARE_LEVELS[level];
  if (!lastContactAt) return { dueFrom: markedAt, dueBy: chinaDayEnd(markedAt, intervalDays) };
  const day = chinaDayStart(lastContactAt).getTime();
  return { dueFrom: new Date(day + (intervalDays - windowDays) * DAY), dueBy: chinaDayEnd(lastContactAt, intervalDays) };
}

export function dueStatus(w: DueWindow, now: Date): DueStatus {
  if (now.getTime() > w.dueBy.getTime()) return 'overdue';
  if (now.getTime() >= w.dueFrom.getTime()) return 'due';
  return 'notDue';
}

/** The return visit owed for a demand resolved at `resolvedAt`. */
export function returnVisitDue(demandId: string, category: DemandCategory, resolvedAt: Date): ReturnVisitDue {
  return { demandId, category, resolvedAt, dueBy: chinaDayEnd(resolvedAt, RETURN_VISIT_DAYS) };
}

/** The earliest window owed: the regular one or a return visit (due from its resolution). */
export function nextDue(regular: DueWindow, returns: ReturnVisitDue[]): DueWindow {
  let dueFrom = regular.dueFrom.getTime();
  let dueBy = regular.dueBy.getTime();
  for (const r of returns) {
    dueFrom = Math.min(dueFrom, new Date(r.resolvedAt).getTime());
    dueBy = Math.min(dueBy, new Date(r.dueBy).getTime());
  }
  return { dueFrom: new Date(dueFrom), dueBy: new Date(dueBy) };
}

/** The schedule fields of a household, as stored. */
export type Schedule = Pick<
  KeyHousehold,
  'careLevel' | 'markedAt' | 'lastContactAt' | 'lastVisitAt' | 'dueFrom' | 'dueBy' | 'returnsDue' | 'returnsDone' | 'nextDueFrom' | 'nextDueBy'
>;

/** All schedule fields from the care level, the last contact and the returns owed. */
export function schedule(
  careLevel: CareLevel,
  markedAt: Date,
  lastContactAt: Date | null,
  lastVisitAt: Date | null,
  returnsDue: ReturnVisitDue[],
  returnsDone: string[],
): Schedule {
  const regular = dueWindow(careLevel, lastContactAt, markedAt);
  const next = nextDue(regular, returnsDue);
  return {
    careLevel,
    markedAt,
    lastContactAt,
    lastVisitAt,
    dueFrom: regular.dueFrom,
    dueBy: regular.dueBy,
    returnsDue,
    returnsDone,
    nextDueFrom: next.dueFrom,
    nextDueBy: next.dueBy,
  };
}

const dateOrNull = (d: Date | string | null): Date | null => (d === null ? null : new Date(d));
const later = (a: Date | null, b: Date): Date => (a && a.getTime() > b.getTime() ? a : b);

/** Where a household stands now, against the earliest window it owes. */
export function householdDueStatus(h: Pick<KeyHousehold, 'nextDueFrom' | 'nextDueBy'>, now: Date): DueStatus {
  return dueStatus({ dueFrom: new Date(h.nextDueFrom), dueBy: new Date(h.nextDueBy) }, now);
}

export interface VisitFacts {
  at: Date;
  outcome: VisitOutcome;
  /** The resolved demand this visit returns to, if any. */
  returnForDemandId: string | null;
}

export interface VisitEffect {
  schedule: Schedule;
  /** A contact visit within its regular window (or early); null for 敲门未遇. */
  onTime: boolean | null;
  /** The return visit this closes (contact only). */
  closesReturn: string | null;
}

/**
 * What a visit changes. Contact moves the schedule from the visit's day (never backwards: a
 * back-dated visit older than the last contact changes nothing); 敲门未遇 only records the attempt.
 * A return visit with contact closes the return owed for its demand.
 */
export function applyVisit(h: Schedule, v: VisitFacts): VisitEffect {
  const lastVisitAt = later(dateOrNull(h.lastVisitAt), v.at);
  if (v.outcome === 'noContact') {
    const s = schedule(h.careLevel, new Date(h.markedAt), dateOrNull(h.lastContactAt), lastVisitAt, h.returnsDue, h.returnsDone);
    return { schedule: s, onTime: null, closesReturn: null };
  }
  const onTime = v.at.getTime() <= new Date(h.dueBy).getTime();
  const closes = v.returnForDemandId && h.returnsDue.some((r) => r.demandId === v.returnForDemandId) ? v.returnForDemandId : null;
  const returnsDue = closes ? h.returnsDue.filter((r) => r.demandId !== closes) : h.returnsDue;
  const returnsDone = closes ? [...h.returnsDone, closes] : h.returnsDone;
  const lastContactAt = later(dateOrNull(h.lastContactAt), v.at);
  return { schedule: schedule(h.careLevel, new Date(h.markedAt), lastContactAt, lastVisitAt, returnsDue, returnsDone), onTime, closesReturn: closes };
}

/**
 * Adds a return visit owed for a resolved demand, unless one is owed or was made already
 * (a demand can be verified again after a reopen): returns null when nothing changes.
 */
export function oweReturn(h: Schedule, r: ReturnVisitDue): Schedule | null {
  if (h.returnsDone.includes(r.demandId) || h.returnsDue.some((x) => x.demandId === r.demandId)) return null;
  const returnsDue = [...h.returnsDue, r].sort((a, b) => new Date(a.dueBy).getTime() - new Date(b.dueBy).getTime());
  return schedule(h.careLevel, new Date(h.markedAt), dateOrNull(h.lastContactAt), dateOrNull(h.lastVisitAt), returnsDue, h.returnsDone);
}

/** A visit's time must be now or earlier, and not more than MAX_BACKDATE_DAYS back. */
export function visitTimeProblem(at: Date, now: Date): string | null {
  if (at.getTime() > now.getTime() + 60_000) return '走访时间不能晚于现在';
  if (at.getTime() < now.getTime() - MAX_BACKDATE_DAYS * DAY) return `只能补记 ${MAX_BACKDATE_DAYS} 天内的走访`;
  return null;
}
