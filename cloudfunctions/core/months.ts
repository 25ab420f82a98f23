/** Months as the 三率 scorecard counts them (YYYY-MM in China Standard Time). */
import { monthOf } from './sla';

/** The month of `now` and the next one: the scorecard documents a dispatch this month or next may touch. */
export function currentAndNextMonth(now: Date): [string, string] {
  const month = monthOf(now);
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [month, next];
}
