/**
 * points: leaderboards (one maintained tally document per community or unit and month or year —
 * never the ledger) and 双认双评 (the branch's rating of a member's year, and residents' ratings of
 * the demands the member was credited for, found through the member's own service entries).
 */
import { rank, targetProgress } from '../core/points';
import { periodsOf } from '../core/calendar';
import { canViewPerson, reviewScopes } from '../core/points-access';
import { actorOf, staffCommunities } from '../core/actor';
import type { Demand } from '../../types/dispatch';
import type { User } from '../../types/domain';
import type { LeaderboardRow, MemberReview, ReviewGrade } from '../../types/points';
import { refuse } from '../lib/errors';
import { loadUser } from '../lib/people';
import { loadRules } from '../lib/points-rules';
import type { Handlers } from '../lib/router';
import { leaderboardInput, profileInput, reviewInput } from './schemas';
import { checkInId, checkInsByIds, demandRatings, loadAccount, loadScope, loadTally, pledgesOf, reviewId, reviewsOf, saveReview, serviceEntries } from './store';

type H = Handlers<'points'>;

export const leaderboard: H['leaderboard'] = {
  input: leaderboardInput,
  async run({ scope, id, period, limit = 20 }, { user }) {
    const which = id ?? (scope === 'unit' ? user.unitId : (user.communityId ?? staffCommunities(user.roles)[0] ?? null));
    if (!which) throw refuse.invalid(scope === 'unit' ? '请指定单位（id）' : '请指定社区（id）');
    const [tally, named] = await Promise.all([loadTally(`${scope}_${which}_${period}`), loadScope(scope, which)]);
    if (!named) throw refuse.notFound(scope === 'unit' ? '单位' : '社区');
    const all: LeaderboardRow[] = rank(tally?.people ?? {}, Number.MAX_SAFE_INTEGER).map((r) => ({ rank: r.rank, openid: r.openid, name: r.name, points: r.points, hours: r.hours }));
    return { scope, id: which, name: named.name, period, rows: all.slice(0, limit), me: all.find((r) => r.openid === user._id) ?? null };
  },
};

const RATINGS_SAMPLE = 100;

export const memberProfile: H['memberProfile'] = {
  input: profileInput,
  async run({ openid, year }, ctx) {
    const actor = ctx.actor;
    const person: User | null = !openid || openid === ctx.user._id ? ctx.user : await loadUser(openid);
    if (!person || !canViewPerson(actor, { openid: person._id, communityId: person.communityId, unitId: person.unitId })) throw refuse.notFound('用户');
    const y = year ?? periodsOf(ctx.now).year;
    const months = Array.from({ length: 12 }, (_v, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
    const [account, rules, reviews, checkIns, services, pledges] = await Promise.all([
      loadAccount(person._id),
      loadRules(),
      reviewsOf(person._id, y),
      checkInsByIds(months.map((m) => checkInId(person._id, m))),
      serviceEntries(person._id, y, RATINGS_SAMPLE),
      pledgesOf(person._id, y),
    ]);
    const demandIds = [...new Set(services.map((e) => e.source.id))];
    const demands = await demandRatings(demandIds);
    const rated = demandIds
      .map((id) => demands.find((d) => d._id === id))
      .filter((d): d is Pick<Demand, '_id' | 'text' | 'rating'> & { rating: NonNullable<Demand['rating']> } => !!d?.rating);
    const count = (v: string) => rated.filter((d) => d.rating.value === v).length;
    const yearTotals = account?.years[y] ?? { points: 0, hours: 0 };
    return {
      openid: person._id,
      name: person.name,
      communityId: person.communityId,
      unitId: person.unitId,
      year: y,
      yearTotals,
      target: targetProgress(yearTotals.hours, rules),
      checkInMonths: checkIns.map((c) => c.month).sort(),
      reviews: { unit: reviews.find((r) => r.scope === 'unit') ?? null, community: reviews.find((r) => r.scope === 'community') ?? null },
      residentRatings: {
        satisfied: count('satisfied'),
        basic: count('basic'),
        unsatisfied: count('unsatisfied'),
        recent: rated.slice(0, 10).map((d) => ({ demandId: d._id, text: d.text.slice(0, 40), value: d.rating.value, comment: d.rating.comment, at: d.rating.at })),
      },
      pledges: {
        made: pledges.length,
        fulfilled: pledges.filter((x) => x.status !== 'pledged').length,
        grades: pledges.reduce<Partial<Record<ReviewGrade, number>>>((g, x) => (x.rating ? { ...g, [x.rating.grade]: (g[x.rating.grade] ?? 0) + 1 } : g), {}),
        residents: (['satisfied', 'basic', 'unsatisfied'] as const).reduce((t, v) => ({ ...t, [v]: pledges.reduce((n, x) => n + (x.residents?.[v] ?? 0), 0) }), { satisfied: 0, basic: 0, unsatisfied: 0 }),
      },
      canReview: reviewScopes(actor, actorOf(person)),
    };
  },
};

export const reviewMember: H['reviewMember'] = {
  input: reviewInput,
  async run({ openid, year, scope, grade, comment = '' }, ctx) {
    const actor = ctx.actor;
    if (openid === actor.openid) throw refuse.forbidden('不能评价自己');
    const member = await loadUser(openid);
    if (!member || !canViewPerson(actor, { openid: member._id, communityId: member.communityId, unitId: member.unitId })) throw refuse.notFound('用户');
    if (!reviewScopes(actor, actorOf(member)).includes(scope)) {
      throw refuse.forbidden(scope === 'unit' ? '只有该党员所在单位的联络员可以进行单位评价' : '只有该党员居住社区的书记可以进行社区评价');
    }
    if (Number(year) > Number(periodsOf(ctx.now).year)) throw refuse.invalid('不能评价尚未开始的年度');
    const review: MemberReview = { _id: reviewId(openid, year, scope), openid, year, scope, grade, comment, by: actor.openid, byName: actor.name, at: ctx.now };
    await saveReview(review);
    return review;
  },
};
