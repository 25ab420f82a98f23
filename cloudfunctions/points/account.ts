/** points: the caller's account, ledger history, manual awards, reversals and the point rules. */
import { canAward, canReverse, canViewPerson, checkInRefusal } from '../core/points-access';
import { targetProgress } from '../core/points';
import { periodsOf } from '../core/calendar';
import { isAdmin } from '../core/actor';
import { refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { postEntry } from '../lib/ledger';
import { toPage } from '../lib/paging';
import { loadUser } from '../lib/people';
import { loadRules, saveRules } from '../lib/points-rules';
import type { Handlers } from '../lib/router';
import { awardInput, emptyInput, ledgerInput, reverseInput, setRulesInput } from './schemas';
import { ledgerOf, loadAccount, loadCheckIn, loadEntry } from './store';
import { toLedgerItem } from './views';

type H = Handlers<'points'>;

/** 我的积分: the cached account, the rules and this month's 双报到 — three reads, whatever the ledger's size. */
export const account: H['account'] = {
  input: emptyInput,
  async run(_input, { user, now }) {
    const { month, year } = periodsOf(now);
    const [acct, rules, checkIn] = await Promise.all([loadAccount(user._id), loadRules(), loadCheckIn(user._id, month)]);
    const yearTotals = acct?.years[year] ?? { points: 0, hours: 0 };
    return {
      openid: user._id,
      name: user.name,
      balance: acct?.balance ?? 0,
      earned: acct?.earned ?? 0,
      year,
      yearTotals,
      month,
      monthTotals: acct?.months[month] ?? { points: 0, hours: 0 },
      hours: acct?.hours ?? 0,
      target: targetProgress(yearTotals.hours, rules),
      checkIn: { month, at: checkIn?.at ?? null, canCheckIn: !checkIn && checkInRefusal({ openid: user._id, ...user }) === null },
      rules,
    };
  },
};

export const ledger: H['ledger'] = {
  input: ledgerInput,
  async run({ openid, page = 1, pageSize = 20 }, ctx) {
    const whose = openid ?? ctx.user._id;
    if (whose !== ctx.user._id) {
      const person = await loadUser(whose);
      if (!person || !canViewPerson(ctx.actor, { openid: person._id, communityId: person.communityId, unitId: person.unitId })) throw refuse.notFound('用户');
    }
    return toPage(await ledgerOf(whose, page, pageSize), page, pageSize, toLedgerItem);
  },
};

export const award: H['award'] = {
  input: awardInput,
  async run({ openid, points, hours = 0, reason }, ctx) {
    const actor = ctx.actor;
    if (openid === actor.openid) throw refuse.forbidden('不能给自己奖励积分');
    const target = await loadUser(openid);
    if (!target) throw refuse.notFound('用户');
    if (!canAward(actor, { openid: target._id, communityId: target.communityId, unitId: target.unitId, roles: target.roles })) {
      throw refuse.forbidden('只能给本社区的居民或党员奖励积分');
    }
    const key = `award_${newId()}`;
    const posted = await postEntry(
      {
        key,
        openid: target._id,
        name: target.name,
        points,
        hours,
        source: { type: 'award', id: key, label: '社区奖励' },
        reason,
        actor: actor.openid,
        actorName: actor.name,
        communityId: target.communityId,
        unitId: target.unitId,
        home: { communityId: target.communityId, unitId: target.unitId },
      },
      ctx.now,
    );
    return toLedgerItem(posted.entry);
  },
};

export const reverse: H['reverse'] = {
  input: reverseInput,
  async run({ entryId, reason }, ctx) {
    const actor = ctx.actor;
    const entry = await loadEntry(entryId);
    if (!entry || !canViewPerson(actor, { openid: entry.openid, communityId: entry.communityId, unitId: entry.unitId })) throw refuse.notFound('积分记录');
    if (!canReverse(actor, entry)) {
      throw refuse.forbidden(entry.openid === actor.openid ? '不能冲正自己的积分记录' : '您无权冲正该积分记录（兑换请通过取消兑换退还）');
    }
    const person = await loadUser(entry.openid);
    const posted = await postEntry(
      {
        key: `reverse_${entry._id}`,
        openid: entry.openid,
        name: entry.name,
        points: -entry.points,
        hours: -entry.hours,
        source: { type: 'reversal', id: entry._id, label: entry.source.label },
        reason,
        actor: actor.openid,
        actorName: actor.name,
        communityId: entry.communityId,
        unitId: entry.unitId,
        home: { communityId: person?.communityId ?? null, unitId: person?.unitId ?? null },
        reverses: entry._id,
      },
      ctx.now,
    );
    return toLedgerItem(posted.entry);
  },
};

export const rules: H['rules'] = {
  input: emptyInput,
  run: () => loadRules(),
};

export const setRules: H['setRules'] = {
  input: setRulesInput,
  async run(change, { user, actor, now }) {
    if (!isAdmin(user.roles)) throw refuse.forbidden('只有县委组织部可以修改积分规则');
    if (Object.keys(change).length === 0) throw refuse.invalid('请至少修改一项规则');
    return saveRules(change, actor, now);
  },
};
