/**
 * The demo's dispatch history is true: made step by step over the last weeks, overdue because its
 * time passed, and its 三率 counters say exactly what its demands say.
 */
import { isOverdue } from '../../cloudfunctions/core/demand';
import type { Counters } from '../../cloudfunctions/core/scorecard';
import { seedDemoCounty } from '../../local/seed/seed';
import type { LocalCloud } from '../../local/runtime';
import type { Demand } from '../../types/dispatch';
import { openTestCloud } from '../local/helpers';
import { cardOf, recount } from './scorecard-recount';

const NOW = new Date();
let local: LocalCloud;
let demands: Demand[];
beforeAll(async () => {
  local = openTestCloud();
  await seedDemoCounty(local, NOW);
  demands = local.db.store.all('demands') as unknown as Demand[];
});
afterAll(() => local.close());

const t = (x: Date | string) => new Date(x).getTime();

test('every scorecard of the demo equals a recomputation from its demands', () => {
  const stored = new Map(local.db.store.all('scorecards').map((c) => [c._id as string, c as unknown as Counters]));
  const expected = recount(demands);
  expect(expected.size).toBeGreaterThanOrEqual(4);
  for (const key of new Set([...stored.keys(), ...expected.keys()])) {
    const want = expected.get(key) ?? {};
    const have = stored.get(key) ?? {};
    expect({ key, card: cardOf(key, have, NOW) }).toEqual({ key, card: cardOf(key, want, NOW) });
    const open = (c: Counters) => Object.fromEntries(Object.entries(c.open ?? {}).map(([id, at]) => [id, t(at)]));
    expect({ key, open: open(have) }).toEqual({ key, open: open(want) });
  }
});

test('its history lies in the past, spread over weeks, each timeline in order', () => {
  const days = new Set<string>();
  for (const d of demands) {
    const times = [d.createdAt, ...d.timeline.map((e) => e.at)].map(t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const x of times) expect(x).toBeLessThanOrEqual(NOW.getTime());
    for (const x of times) days.add(new Date(x + 8 * 3600_000).toISOString().slice(0, 10));
  }
  expect(days.size).toBeGreaterThanOrEqual(15);
  expect(Math.min(...demands.map((d) => t(d.createdAt)))).toBeLessThan(NOW.getTime() - 21 * 86_400_000);
});

test('deadlines follow the dispatch; an acceptance after its deadline is never 按时接单', () => {
  const dispatched = demands.filter((d) => d.dispatch);
  for (const { dispatch: x } of dispatched) {
    expect(t(x!.acceptBy)).toBeGreaterThan(t(x!.dispatchedAt));
    expect(t(x!.finishBy)).toBeGreaterThanOrEqual(t(x!.acceptBy));
    if (x!.acceptedAt) expect(x!.acceptedWithinSla).toBe(t(x!.acceptedAt) <= t(x!.acceptBy));
  }
  expect(dispatched.some((d) => d.dispatch!.acceptedWithinSla === false)).toBe(true);
});

test('overdue items: past their own deadlines, in more than one open state, 待验收 among them', () => {
  const overdue = demands.filter((d) => isOverdue(d, NOW));
  expect(overdue.length).toBeGreaterThanOrEqual(3);
  expect(new Set(overdue.map((d) => d.status))).toEqual(new Set(['dispatched', 'accepted', 'completed']));
  for (const d of overdue) expect(Math.min(t(d.dispatch!.acceptBy), t(d.dispatch!.finishBy))).toBeLessThan(NOW.getTime());
});

test('average times read in hours, and each rated demand is rated once', () => {
  const cards = [...recount(demands).entries()].map(([k, c]) => cardOf(k, c, NOW)).filter((c) => c.avgAcceptHours !== null);
  for (const c of cards) expect(c.avgAcceptHours!).toBeGreaterThanOrEqual(1);
  const reopenedThenRated = demands.find((d) => d.reopenCount === 1 && d.status === 'closed');
  expect(reopenedThenRated?.rating?.value).toBe('basic');
  const unrated = demands.filter((d) => d.status === 'verified' && d.dispatch);
  expect(unrated.length).toBeGreaterThanOrEqual(1);
});
