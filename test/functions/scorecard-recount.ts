/**
 * What the 三率 counters should hold, recomputed from the demands themselves — the check that
 * the counters the steps maintain say what the demands say. Demands that were never rejected
 * (a rejected dispatch leaves no unit on the demand, only its count).
 */
import { isTracked } from '../../cloudfunctions/core/demand';
import { monthOf } from '../../cloudfunctions/core/calendar';
import { scorecard, openOverdue, type Counters } from '../../cloudfunctions/core/scorecard';
import type { Demand, Scorecard } from '../../types/dispatch';

const MINUTE = 60_000;
const minutes = (from: Date | string, to: Date | string) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / MINUTE);

/** Scorecard key `scope_id_month` → counters, from the demands. */
export function recount(demands: Demand[]): Map<string, Counters> {
  const out = new Map<string, Counters>();
  const add = (scope: string, id: string, month: string, field: Exclude<keyof Counters, 'open'>, by = 1) => {
    const key = `${scope}_${id}_${month}`;
    const c = out.get(key) ?? {};
    c[field] = (c[field] ?? 0) + by;
    out.set(key, c);
  };
  for (const d of demands) {
    const x = d.dispatch;
    const scopes: [string, string][] = [['community', d.communityId]];
    if (x?.unitId) scopes.push(['unit', x.unitId]);
    const month = x ? x.month : monthOf(d.createdAt);
    for (const [scope, id] of scopes) {
      if (x) {
        add(scope, id, month, 'dispatched');
        // Approved 延期 (the item stays in every denominator, counted and shown).
        if (d.extensions) add(scope, id, month, 'extended', d.extensions);
        if (x.acceptedAt) {
          add(scope, id, month, 'accepted');
          add(scope, id, month, 'acceptMinutes', minutes(x.dispatchedAt, x.acceptedAt));
          if (x.acceptedWithinSla) add(scope, id, month, 'acceptedWithinSla');
        }
        if (d.resolvedAt) {
          add(scope, id, month, 'resolved');
          add(scope, id, month, 'resolveMinutes', minutes(x.dispatchedAt, d.resolvedAt));
        }
        if (isTracked(d)) {
          const key = `${scope}_${id}_${month}`;
          const c = out.get(key)!;
          c.open = { ...c.open, [d._id]: new Date(x.finishBy) };
        }
      }
      if (d.rating) {
        add(scope, id, month, 'rated');
        if (d.rating.value !== 'unsatisfied') add(scope, id, month, 'satisfiedOrBasic');
      }
    }
  }
  return out;
}

/** The scorecard a counter document reads as, at `now`. */
export function cardOf(key: string, c: Counters, now: Date): Scorecard {
  const [scope, id, month] = [key.split('_')[0], key.split('_').slice(1, -1).join('_'), key.split('_').at(-1)!];
  return scorecard(scope as 'community' | 'unit', id, month, c, openOverdue(c, now));
}
