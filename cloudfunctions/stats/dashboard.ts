/**
 * stats.dashboard: 三率 rankings and the 12-month trend of a scope, for a month or a year, from
 * the maintained monthly documents — names and counters, never a scan of demands. Reads: the
 * caller (router), the names (regions; units for the county; a community's paired units and
 * estates come in its one request), and one query of the documents of
 * the trend's twelve months, which also hold the period's figures (≤ 4, or 3 for a town,
 * community or unit, whatever the volume of demands; a read of a thousand documents each).
 */
import { belowTarget, estateFigures, estateKeys, monthsOf, NO_ESTATE, pairFigures, rank, rateTarget, sumFigures, trend, trendMonths, type CounterDoc } from '../core/stats';
import type { Dashboard, FigureRow, Figures, RateKey } from '../../types/stats';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { mayReadCommunity, mayReadCounty, mayReadTown, mayReadUnit } from './access';
import { dashboardInput } from './schemas';
import { allUnits, communityWithUnits, counters, countyRegions, loadUnit, townRegions } from './store';

export const dashboard: Handlers<'stats'>['dashboard'] = {
  input: dashboardInput,
  async run({ scope, id, period, sortBy = 'responseRate' }, { user, now }) {
    const target = rateTarget(process.env.JINLIN_RATE_TARGET);
    const months = trendMonths(period);
    const inPeriod = new Set(monthsOf(period));
    const ofPeriod = (docs: CounterDoc[]) => docs.filter((d) => inPeriod.has(d.month));
    const row = (scope: FigureRow['scope'], id: string, name: string, f: Figures, extra: Partial<FigureRow> = {}): FigureRow => ({
      scope,
      id,
      name,
      ...f,
      ...extra,
      below: belowTarget(f, target),
    });
    const base = { period, target, sortBy, towns: [] as FigureRow[], communities: [] as FigureRow[], units: [] as FigureRow[], estates: [] as FigureRow[] };
    const sorted = (rows: FigureRow[]) => rank(rows, sortBy as RateKey);

    if (scope === 'county') {
      mayReadCounty(user.roles);
      const [regions, units, docs] = await Promise.all([countyRegions(), allUnits(), counters({ months })]);
      const community = docs.filter((d) => d.scope === 'community');
      const county = regions.find((r) => r.level === 'county');
      const towns = regions.filter((r) => r.level === 'town');
      const communities = regions.filter((r) => r.level === 'community');
      const townName = new Map(towns.map((t) => [t._id, t.name]));
      const of = (ids: string[]) => ofPeriod(community.filter((d) => ids.includes(d.id)));
      const result: Dashboard = {
        ...base,
        scope,
        id: county?._id ?? '',
        name: county?.name ?? '全县',
        total: row('town', county?._id ?? '', county?.name ?? '全县', sumFigures(ofPeriod(community), now)),
        towns: sorted(towns.map((t) => row('town', t._id, t.name, sumFigures(of(communities.filter((c) => c.parentId === t._id).map((c) => c._id)), now)))),
        communities: sorted(communities.map((c) => row('community', c._id, c.name, sumFigures(of([c._id]), now), { townName: townName.get(c.parentId ?? '') }))),
        units: sorted(units.map((u) => row('unit', u._id, u.name, sumFigures(ofPeriod(docs.filter((d) => d.scope === 'unit' && d.id === u._id)), now)))),
        trend: trend(community, months, now),
      };
      return result;
    }
    if (!id) throw refuse.invalid('请指明要看哪个镇街、社区或单位');

    if (scope === 'town') {
      mayReadTown(user.roles, id);
      const regions = await townRegions(id);
      const town = regions.find((r) => r._id === id && r.level === 'town');
      if (!town) throw refuse.notFound('镇街');
      const communities = regions.filter((r) => r.level === 'community');
      const docs = communities.length ? await counters({ scope: 'community', ids: communities.map((c) => c._id), months }) : [];
      return {
        ...base,
        scope,
        id,
        name: town.name,
        total: row('town', id, town.name, sumFigures(ofPeriod(docs), now)),
        communities: sorted(communities.map((c) => row('community', c._id, c.name, sumFigures(ofPeriod(docs.filter((d) => d.id === c._id)), now)))),
        trend: trend(docs, months, now),
      };
    }

    if (scope === 'community') {
      const community = await communityWithUnits(id);
      await mayReadCommunity(user.roles, id, community);
      if (!community) throw refuse.notFound('社区');
      // A paired unit's figures here are this community's counters for it (its items only).
      const docs = await counters({ scope: 'community', ids: [id], months });
      const current = ofPeriod(docs);
      // Its estates: the current ones, and any other the period's counters name (archived, or 未关联小区).
      const names = new Map(community.estates.map((e) => [e._id, e.name]));
      const keys = new Set([...community.estates.filter((e) => !e.archived).map((e) => e._id), ...estateKeys(current)]);
      const estateName = (k: string) => (k === NO_ESTATE ? '未关联小区' : (names.get(k) ?? '已删除的小区'));
      return {
        ...base,
        scope,
        id,
        name: community.name,
        total: row('community', id, community.name, sumFigures(current, now)),
        units: sorted(community.units.map((u) => row('unit', u._id, u.name, pairFigures(current, u._id, now)))),
        estates: sorted([...keys].map((k) => row('estate', k, estateName(k), estateFigures(current, k, now)))),
        trend: trend(docs, months, now),
      };
    }

    mayReadUnit(user.roles, id);
    const [unit, docs] = await Promise.all([loadUnit(id), counters({ scope: 'unit', ids: [id], months })]);
    if (!unit) throw refuse.notFound('单位');
    return { ...base, scope, id, name: unit.name, total: row('unit', id, unit.name, sumFigures(ofPeriod(docs), now)), trend: trend(docs, months, now) };
  },
};
