/**
 * stats.members, stats.memberItems and stats.pointItems: 党员 figures of a scope — service hours
 * this year against the yearly target (the point rules' `yearlyHourTarget`, the one source; 20 h
 * by default), by unit; 双报到 by unit and month (reported ÷ members); points earned and redeemed
 * by community and unit, for the month and the year — and the people a figure counts. A member's
 * hours are their own year total on their points account (kept with every entry in its
 * transaction), counted under the unit they are in now, so a change of unit loses none; 双报到
 * and points come from the leaderboard tallies folded from the ledger (lib/tallies.ts). Never the
 * ledger or the check-ins.
 *
 * Reads: the caller (router); the scope's names (1, the county 2) with the point rules beside
 * them; then the members in scope with their accounts' year totals (the roster: one request of a
 * thousand members, the accounts joined in it) with the tallies of their units (a thousand a
 * read), and for a town or community the roster's units' names. The roster is read because a
 * member with no hours yet is behind the target and is in no tally; it grows with members, never
 * with entries. pointItems: (a town official: the community's town), the figure's one tally, and
 * whether the page's people are members (one read of twenty).
 */
import { monthOf } from '../core/calendar';
import { monthsOf } from '../core/stats';
import { checkInRows, counts, hoursRows, memberFigures, pointPeople, pointsRow, tallyKey } from '../core/stats-people';
import type { MemberDashboard, Period } from '../../types/stats';
import { loadRules } from '../lib/points-rules';
import type { Handlers } from '../lib/router';
import { mayReadCommunity, mayReadUnit } from './access';
import { memberItemsInput, membersInput, pointItemsInput } from './schemas';
import { scopeOf, type ScopeOf } from './scope';
import { membersAmong, roster, tallies, unitsByIds } from './store';
import type { RoleGrant } from '../../types/domain';

/** The period's year, and its months up to now (a month: itself). */
function periodMonths(period: Period, now: Date): { year: string; months: string[]; month: string } {
  const year = period.slice(0, 4);
  const current = monthOf(now);
  const months = monthsOf(period).filter((m) => m <= current || period.length === 7);
  const list = months.length ? months : [monthsOf(period)[0]];
  return { year, months: list, month: list[list.length - 1] };
}

async function load(roles: RoleGrant[], scope: MemberDashboard['scope'], id: string | undefined, period: Period, now: Date) {
  const [s, rules] = await Promise.all([scopeOf(roles, scope, id), loadRules()]);
  const { year, months, month } = periodMonths(period, now);
  const people = await roster(s.members, year);
  const unitIds = [...new Set([...(s.units ?? []).map((u) => u._id), ...people.map((m) => m.unitId).filter((u): u is string => !!u)])];
  const keys = new Set<string>();
  for (const u of unitIds) for (const p of months) keys.add(tallyKey('unit', u, p));
  for (const row of pointScopes(s)) for (const p of [year, month]) keys.add(tallyKey(row.scope, row.id, p));
  const [docs, named] = await Promise.all([tallies([...keys]), s.units ? Promise.resolve(s.units) : unitsByIds(unitIds)]);
  return { s, people, docs, units: named, year, months, month, target: rules.yearlyHourTarget };
}

/** Whose points are shown: the county's communities and units, a town's communities, a community or unit itself. */
function pointScopes(s: ScopeOf): { scope: 'community' | 'unit'; id: string; name: string }[] {
  const communities = s.communities.map((c) => ({ scope: 'community' as const, id: c._id, name: c.name }));
  if (s.scope === 'county') return [...communities, ...(s.units ?? []).map((u) => ({ scope: 'unit' as const, id: u._id, name: u.name }))];
  if (s.scope === 'unit') return [{ scope: 'unit', id: s.id, name: s.name }];
  return communities;
}

export const members: Handlers<'stats'>['members'] = {
  input: membersInput,
  async run({ scope, id, period }, { user, now }) {
    const { s, people, docs, units, year, months, month, target } = await load(user.roles, scope, id, period, now);
    const hours = hoursRows(memberFigures(people, docs, []), units, target);
    const checkIns = checkInRows(memberFigures(people, docs, [month]), units, month);
    const result: MemberDashboard = {
      scope,
      id: s.id,
      name: s.name,
      period,
      hourTarget: target,
      month,
      year,
      hoursTotal: hours.total,
      hours: hours.rows,
      checkInTotal: checkIns.total,
      checkIns: checkIns.rows,
      checkInMonths: months.map((m) => checkInRows(memberFigures(people, docs, [m]), [], m).total),
      points: pointScopes(s).map((p) => pointsRow(p.scope, p.id, p.name, docs, month, year)),
    };
    return result;
  },
};

export const memberItems: Handlers<'stats'>['memberItems'] = {
  input: memberItemsInput,
  async run({ scope, id, period, figure, unitId, page = 1, pageSize = 20 }, { user, now }) {
    const { people, docs, month, target } = await load(user.roles, scope, id, period, now);
    const all = memberFigures(people, docs, [month])
      .filter((m) => (unitId ? m.unitId === unitId : true) && counts(figure, m, target))
      .sort((a, b) => a.hours - b.hours || a.name.localeCompare(b.name, 'zh') || a.openid.localeCompare(b.openid));
    const from = (page - 1) * pageSize;
    return { figure, hourTarget: target, month, items: all.slice(from, from + pageSize), total: all.length, page, pageSize };
  },
};

export const pointItems: Handlers<'stats'>['pointItems'] = {
  input: pointItemsInput,
  async run({ scope, id, period, figure, page = 1, pageSize = 20 }, { user }) {
    if (scope === 'community') await mayReadCommunity(user.roles, id);
    else mayReadUnit(user.roles, id);
    const key = tallyKey(scope, id, period);
    const { rows, sum } = pointPeople((await tallies([key])).get(key), figure);
    const from = (page - 1) * pageSize;
    const shown = rows.slice(from, from + pageSize);
    const members = await membersAmong(shown.map((p) => p.openid));
    return { figure, period, sum, items: shown.map((p) => ({ ...p, member: members.has(p.openid) })), total: rows.length, page, pageSize };
  },
};
