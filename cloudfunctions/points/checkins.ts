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
import type { CheckIn, CheckInResult } from '../../types/points';
import { _, db } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import { loadRules } from '../lib/points-rules';
import type { Handlers } from '../lib/router';
import { skipOf } from './common';
import { checkInInput, complianceInput } from './schemas';

type H = Handlers<'points'>;
export const CHECKINS = 'checkIns';

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
  const id = `${user._id}_${month}`;
  const seen = (await db.collection(CHECKINS).doc(id).get<CheckIn>()).data;
  if (seen) return { checkIn: seen, created: false, points: 0 };
  const rules = await loadRules();
  return ledgerTransaction(now, async (tx) => {
    const existing = (await tx.t.collection(CHECKINS).doc(id).get<CheckIn>()).data;
    if (existing) return { checkIn: existing, created: false, points: 0 };
    const posted = await tx.post({
      key: `checkin_${month}_${user._id}`,
      openid: user._id,
      name: user.name,
      points: pointsFor('checkIn', 0, rules),
      hours: 0,
      source: { type: 'checkIn', id: month, label: `${month} 双报到` },
      reason: '到居住社区报到（双报到）',
      actor: user._id,
      actorName: user.name,
      communityId: user.communityId,
      unitId: user.unitId,
      home: { communityId: user.communityId, unitId: user.unitId },
    });
    const record: CheckIn = { _id: id, openid: user._id, name: user.name, communityId: user.communityId!, unitId: user.unitId, month, at: now, note, points: posted.entry.points };
    const { _id: _skip, ...fields } = record;
    await tx.t.collection(CHECKINS).doc(id).set({ data: fields });
    return { checkIn: record, created: true, points: posted.entry.points };
  }, rules);
}

/** Members in scope (counted), how many checked in this month (counted), and one page of members with their check-ins. */
export const compliance: H['compliance'] = {
  input: complianceInput,
  async run({ scope, id, month, page = 1, pageSize = 20 }, ctx) {
    if (!canReadCompliance(ctx.actor, scope, id)) throw refuse.forbidden('您只能查看本社区或本单位的双报到情况');
    const members = scope === 'unit' ? { unitId: id, 'roles.role': 'member' } : { communityId: id, 'roles.role': 'member' };
    const [named, total, checkedIn, people] = await Promise.all([
      db.collection(scope === 'unit' ? 'units' : 'regions').doc(id).get<{ name: string }>().then((r) => r.data),
      db.collection('users').where(members).count(),
      db.collection(CHECKINS).where({ month, [scope === 'unit' ? 'unitId' : 'communityId']: id }).count(),
      db.collection('users').where(members).orderBy('_id', 'asc').skip(skipOf(page, pageSize)).limit(pageSize + 1).get<User>(),
    ]);
    if (!named) throw refuse.notFound(scope === 'unit' ? '单位' : '社区');
    const shown = people.data.slice(0, pageSize);
    const records = shown.length
      ? (await db.collection(CHECKINS).where({ _id: _.in(shown.map((p) => `${p._id}_${month}`)) }).limit(shown.length).get<CheckIn>()).data
      : [];
    return {
      scope,
      id,
      name: named.name,
      month,
      members: total.total,
      checkedIn: checkedIn.total,
      rate: total.total ? Math.min(1, checkedIn.total / total.total) : null,
      people: {
        items: shown.map((p) => ({ openid: p._id, name: p.name, checkedInAt: records.find((r) => r.openid === p._id)?.at ?? null })),
        page,
        pageSize,
        hasMore: people.data.length > pageSize,
      },
    };
  },
};
