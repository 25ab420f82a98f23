/**
 * A community's figures per 小区（网格） (core/stats.ts): which fields a step adds to its community's
 * document for the demand's estate, and the fold of those documents into an estate's figures and
 * drill-downs — including documents written before estates were counted.
 */
import type { Effect } from '../../cloudfunctions/core/demand';
import { estateFigures, estateKey, estateKeys, figureChanges, itemIds, NO_ESTATE, receivedFields, type CounterDoc } from '../../cloudfunctions/core/stats';

const NOW = new Date('2026-11-01T00:00:00+08:00');
const PAST = new Date('2026-09-10T00:00:00+08:00');
const LATER = new Date('2026-12-10T00:00:00+08:00');
const score = (scope: 'community' | 'unit', id: string, field: string, by = 1): Effect => ({ kind: 'score', scope, id, month: '2026-09', field: field as never, by });
const deadline = (scope: 'community' | 'unit', id: string, finishBy: Date | null): Effect => ({ kind: 'deadline', scope, id, month: '2026-09', demandId: 'd1', finishBy });
const demand = (estateId: string | null | undefined) => ({ _id: 'd1', category: 'health' as const, dispatch: { unitId: 'u1' } as never, ...(estateId === undefined ? {} : { estateId }) });

describe('the estate key', () => {
  test('an estate, none (no building), or unknown (filed before estates were counted)', () => {
    expect(estateKey({ estateId: 'e1' })).toBe('e1');
    expect(estateKey({ estateId: null })).toBe(NO_ESTATE);
    expect(estateKey({})).toBeUndefined();
    // Keys are field names: no dot, no leading `$`.
    expect(NO_ESTATE).toMatch(/^[\w-]+$/);
  });
});

describe('figureChanges: a step adds its estate’s fields to its community document only', () => {
  const community = (c: Map<string, { incs: Record<string, number>; paths: Record<string, string | null> }>) => c.get('community_c1_2026-09')!;
  const unit = (c: Map<string, { incs: Record<string, number>; paths: Record<string, string | null> }>) => c.get('unit_u1_2026-09')!;

  test('派单: the estate’s counter, its record of the item and of the open item', () => {
    const c = figureChanges([score('community', 'c1', 'dispatched'), score('unit', 'u1', 'dispatched'), deadline('community', 'c1', LATER), deadline('unit', 'u1', LATER)], demand('e1'));
    expect(community(c).incs['byEstate.e1.dispatched']).toBe(1);
    expect(community(c).paths).toMatchObject({ 'estateOf.d1': 'e1', 'openEstate.d1': 'e1' });
    expect(Object.keys(unit(c).incs).some((k) => k.startsWith('byEstate'))).toBe(false);
    expect(Object.keys(unit(c).paths).some((k) => k.startsWith('estate') || k.startsWith('openEstate'))).toBe(false);
  });

  test('验收 and 评价 move the same estate’s counters; minutes are not kept per estate; closing drops the open record', () => {
    const c = figureChanges([score('community', 'c1', 'resolved'), score('community', 'c1', 'resolveMinutes', 90), deadline('community', 'c1', null)], demand(null));
    expect(community(c).incs).toMatchObject({ [`byEstate.${NO_ESTATE}.resolved`]: 1 });
    expect(community(c).incs[`byEstate.${NO_ESTATE}.resolveMinutes`]).toBeUndefined();
    expect(community(c).paths['openEstate.d1']).toBeNull();
    const r = figureChanges([score('community', 'c1', 'satisfiedOrBasic', -1)], demand('e1'));
    expect(community(r).incs['byEstate.e1.satisfiedOrBasic']).toBe(-1);
    // A withdrawn record keeps the item's estate (other figures still name it).
    expect(community(r).paths['estateOf.d1']).toBeUndefined();
  });

  test('a demand filed before estates were counted adds no estate field', () => {
    const c = figureChanges([score('community', 'c1', 'dispatched'), deadline('community', 'c1', LATER)], demand(undefined));
    expect(Object.keys({ ...community(c).incs, ...community(c).paths }).filter((k) => /estate/i.test(k))).toEqual([]);
  });

  test('诉求量: the estate’s counter and its record, in the same fields as the community’s', () => {
    expect(receivedFields('health', 'd1', 'e1')).toEqual({
      incs: { received: 1, 'receivedBy.health': 1, 'byEstate.e1.received': 1 },
      paths: { 'items.received.d1': 'health', 'estateOf.d1': 'e1' },
    });
    expect(receivedFields('health', 'd1')).toEqual({ incs: { received: 1, 'receivedBy.health': 1 }, paths: { 'items.received.d1': 'health' } });
  });
});

describe('the fold: an estate’s figures and items from the monthly documents', () => {
  const sep: CounterDoc = {
    scope: 'community', id: 'c1', month: '2026-09',
    dispatched: 4, acceptedWithinSla: 3, resolved: 2, rated: 2, satisfiedOrBasic: 1, received: 5,
    open: { d3: PAST, d4: LATER },
    openEstate: { d3: 'e1', d4: NO_ESTATE },
    byEstate: { e1: { received: 3, dispatched: 3, acceptedWithinSla: 2, resolved: 2, rated: 2, satisfiedOrBasic: 1 }, [NO_ESTATE]: { received: 2, dispatched: 1, acceptedWithinSla: 1 } },
    estateOf: { d1: 'e1', d2: 'e1', d3: 'e1', d4: NO_ESTATE, d5: NO_ESTATE },
    items: { dispatched: { d1: 'u1', d2: 'u1', d3: 'u2', d4: 'u2' }, resolved: { d1: 'u1', d2: 'u1' }, received: { d1: 'health', d2: 'health', d3: 'safety', d4: 'health', d5: 'health' } },
  };
  // Written before estates were counted: counters only.
  const aug: CounterDoc = { scope: 'community', id: 'c1', month: '2026-08', dispatched: 7, acceptedWithinSla: 7, resolved: 7, open: { old: PAST } };

  test('counters per estate, open overdue items by their estate, rates from them', () => {
    expect(estateFigures([sep, aug], 'e1', NOW)).toEqual({
      received: 3, dispatched: 3, acceptedWithinSla: 2, resolved: 2, openOverdue: 1, rated: 2, satisfiedOrBasic: 1, extended: 0,
      responseRate: 0.667, resolutionRate: 0.667, satisfactionRate: 0.5,
    });
    // d4 is open but not yet past its finish time.
    expect(estateFigures([sep], NO_ESTATE, NOW)).toMatchObject({ received: 2, dispatched: 1, acceptedWithinSla: 1, openOverdue: 0, resolutionRate: null, satisfactionRate: null });
    expect(estateFigures([aug], 'e1', NOW)).toMatchObject({ dispatched: 0, openOverdue: 0, responseRate: null });
    expect(estateKeys([sep, aug]).sort()).toEqual([NO_ESTATE, 'e1'].sort());
    expect(estateKeys([aug])).toEqual([]);
  });

  test('the items an estate’s figure counts', () => {
    expect(itemIds([sep, aug], 'dispatched', NOW, { estateId: 'e1' })).toEqual(['d1', 'd2', 'd3']);
    expect(itemIds([sep, aug], 'openOverdue', NOW, { estateId: 'e1' })).toEqual(['d3']);
    expect(itemIds([sep, aug], 'openOverdue', NOW, { estateId: NO_ESTATE })).toEqual([]);
    expect(itemIds([sep], 'received', NOW, { estateId: NO_ESTATE })).toEqual(['d4', 'd5']);
    expect(itemIds([sep], 'received', NOW, { estateId: 'e1', category: 'safety' })).toEqual(['d3']);
    expect(itemIds([sep], 'dispatched', NOW, { estateId: 'e1', unitId: 'u2' })).toEqual(['d3']);
    // Without an estate: every item, the old month's overdue one too.
    expect(itemIds([sep, aug], 'openOverdue', NOW)).toEqual(['d3', 'old']);
  });
});
