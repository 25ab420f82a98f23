/**
 * points: 双报到 — a member checks in at the community they live in, once a month (the check-in
 * document `<openid>_<YYYY-MM>` and its ledger entry `checkin_<YYYY-MM>_<openid>` are written in
 * one transaction; a repeat writes and earns nothing) — and compliance per unit and community.
 */
import { pointsFor } from '../core/points';
import { periodsOf } from '../core/calendar';
import { actorOf } from '../core/actor';
import { canReadCompliance, checkInRefusal } from '../core/points-access';
import type { User } from '../../types/domain';
import type { CheckInResult } from '../../types/points';
import { AppError, refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import { loadRules } from '../lib/points-rules';
import type { Handlers } from '../lib/router';
import { checkInInput, complianceInput } from './schemas';
import { checkInId, checkInsByIds, complianceOf, loadCheckIn, saveCheckIn } from './store';

type H = Handlers<'points'>;

export const checkIn: H['checkIn'] = {
  input: checkInInput,
  async run({ note = '' }, { user, now }) {
    const refused = checkInRefusal(actorOf(user));
    if (refused) throw new AppError('FORBIDDEN', refused);
    return recordCheckIn(user, now, note);
  },
};

/** The month's check-in and its entry, once: a repeat (or the loser of a race) gets the first one back and earns nothing. */
export async function recordCheckIn(user: User, now: Date, note: string): Promise<CheckInResult> {
  const { month } = periodsOf(now);
  const seen = await loadCheckIn(user._id, month);
  if (seen) return { checkIn: seen, created: false, points: 0 };
  const rules = await loadRules();
  const home = { communityId: user.communityId, unitId: user.unitId };
  const { checkIn: saved, created } = await saveCheckIn(
    { _id: checkInId(user._id, month), openid: user._id, name: user.name, communityId: user.communityId!, unitId: user.unitId, month, at: now, note },
    {
      key: `checkin_${month}_${user._id}`,
      openid: user._id,
      name: user.name,
      points: pointsFor('checkIn', 0, rules),
      hours: 0,
      source: { type: 'checkIn', id: month, label: `${month} 双报到` },
      reason: '到居住社区报到（双报到）',
      actor: user._id,
      actorName: user.name,
      ...home,
      home,
    },
    now,
    rules,
  );
  return { checkIn: saved, created, points: created ? saved.points : 0 };
}

/** Members in scope (counted), how many checked in this month (counted), and one page of members with their check-ins. */
export const compliance: H['compliance'] = {
  input: complianceInput,
  async run({ scope, id, month, page = 1, pageSize = 20 }, ctx) {
    if (!canReadCompliance(ctx.actor, scope, id)) throw refuse.forbidden('您只能查看本社区或本单位的双报到情况');
    const found = await complianceOf(scope, id, month, page, pageSize);
    if (!found.named) throw refuse.notFound(scope === 'unit' ? '单位' : '社区');
    const records = await checkInsByIds(found.people.slice(0, pageSize).map((p) => checkInId(p._id, month)));
    return {
      scope,
      id,
      name: found.named.name,
      month,
      members: found.members,
      checkedIn: found.checkedIn,
      rate: found.members ? Math.min(1, found.checkedIn / found.members) : null,
      people: toPage(found.people, page, pageSize, (p) => ({ openid: p._id, name: p.name, checkedInAt: records.find((r) => r.openid === p._id)?.at ?? null })),
    };
  },
};
