/**
 * 三率 from maintained counters (pure). Items count in the month they were dispatched.
 * 响应率 = accepted within SLA ÷ dispatched; 解决率 = resolved ÷ (resolved + open past deadline);
 * 满意率 = (满意 + 基本满意) ÷ rated. An open overdue item always counts against the rates
 * (Austin 311's lesson): it stays in the denominators until it is resolved.
 */
import type { Scorecard } from '../../types/dispatch';

export interface Counters {
  dispatched?: number;
  accepted?: number;
  acceptedWithinSla?: number;
  acceptMinutes?: number;
  resolved?: number;
  resolveMinutes?: number;
  rated?: number;
  satisfiedOrBasic?: number;
  /** Approved 延期 (the extended items stay in every denominator, at their new finish time). */
  extended?: number;
  /** Items taken from this unit by 改派 (core/supervision): they stay in its 解决率 denominator. */
  reassigned?: number;
  /** Open items with an SLA: demand id → finish time. */
  open?: Record<string, Date | string>;
}

/** Open items whose finish time has passed. */
export function openOverdue(c: Counters, now: Date): number {
  return Object.values(c.open ?? {}).filter((t) => new Date(t) < now).length;
}

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);
const hours = (minutes: number, n: number) => (n > 0 ? Math.round((minutes / n / 60) * 10) / 10 : null);

export function scorecard(scope: 'community' | 'unit', id: string, month: string, c: Counters, openOverdue: number): Scorecard {
  const n = (k: Exclude<keyof Counters, 'open'>) => c[k] ?? 0;
  return {
    scope,
    id,
    month,
    dispatched: n('dispatched'),
    acceptedWithinSla: n('acceptedWithinSla'),
    resolved: n('resolved'),
    openOverdue,
    rated: n('rated'),
    satisfiedOrBasic: n('satisfiedOrBasic'),
    extended: n('extended'),
    reassigned: n('reassigned'),
    responseRate: ratio(n('acceptedWithinSla'), n('dispatched')),
    resolutionRate: ratio(n('resolved'), n('resolved') + openOverdue + n('reassigned')),
    satisfactionRate: ratio(n('satisfiedOrBasic'), n('rated')),
    avgAcceptHours: hours(n('acceptMinutes'), n('accepted')),
    avgResolveHours: hours(n('resolveMinutes'), n('resolved')),
  };
}
