/**
 * The yearly duties (年度任务): the county's rules, each member's progress and, for a unit's
 * liaison, who is behind. Progress is read from maintained counts, never from the records: hours
 * and 双报到 from the points account (kept with each ledger entry), 调研 and 难题 from the member's
 * duty counts (kept with each record).
 */
import { behindFirst, DEFAULT_DUTY_RULES, dutyCountsId, dutyProgress, dutyRulesRefusal, quarterOf, surveyId } from '../core/posts';
import { isAdmin, isLiaisonOf, isMember, isStaffOf } from '../core/actor';
import { periodsOf } from '../core/calendar';
import type { User } from '../../types/domain';
import type { PointAccount } from '../../types/points';
import type { DutyCounts, DutyRecord, DutyRules } from '../../types/posts';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { loadRules, saveRules } from '../lib/points-rules';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { emptyInput, myDutiesInput, problemInput, setDutyRulesInput, surveyInput, unitDutiesInput } from './schemas';
import { byIds, DUTY_COUNTS, loadAccount, loadDutyCounts, loadDutyRules, loadPerson, page, saveDutyRecord, saveDutyRules } from './store';

type H = Handlers<'posts'>;

/**
 * The duties in force. The service-hour target is the point rules' `yearlyHourTarget` (管理 → 积分规则),
 * the one target the dashboards and the hours export also count against; the other duties are the
 * county's `dutyRules/current`. Two documents, read together.
 */
async function rulesInForce(): Promise<DutyRules> {
  const [saved, points] = await Promise.all([loadDutyRules(), loadRules()]);
  const rules = { ...DEFAULT_DUTY_RULES };
  for (const k of Object.keys(rules) as (keyof DutyRules)[]) if (typeof saved?.[k] === 'number') rules[k] = saved[k];
  return { ...rules, serviceHours: points.yearlyHourTarget };
}

const kept = (account: PointAccount | null, counts: DutyCounts | null, year: string) => ({
  hours: account?.years[year]?.hours ?? 0,
  checkIns: account?.checkIns?.[year] ?? 0,
  counts,
});

export const dutyRules: H['dutyRules'] = { input: emptyInput, run: () => rulesInForce() };

export const setDutyRules: H['setDutyRules'] = {
  input: setDutyRulesInput,
  async run(change, { actor, now }) {
    if (!isAdmin(actor.roles)) throw refuse.forbidden('只有县委组织部可以设置年度任务');
    const bad = dutyRulesRefusal(change);
    if (bad) throw new AppError(bad.code, bad.message);
    const next = { ...(await rulesInForce()), ...change };
    const { serviceHours, ...duties } = change;
    // Each write sets what it holds: after a crash between them, saving again finishes the change.
    if (Object.keys(duties).length) await saveDutyRules(next, actor.openid);
    if (serviceHours !== undefined) await saveRules({ yearlyHourTarget: serviceHours }, actor, now);
    return next;
  },
};

/** Three reads beside the caller's: the rules, the account, the counts (one document each). */
export const myDuties: H['myDuties'] = {
  input: myDutiesInput,
  async run({ year }, { actor, now }) {
    const y = year ?? periodsOf(now).year;
    const [rules, account, counts] = await Promise.all([rulesInForce(), loadAccount(actor.openid), loadDutyCounts(actor.openid, y)]);
    return dutyProgress(actor, y, kept(account, counts, y), rules, now);
  },
};

/**
 * The liaison's view: one page of the unit's members (one query), their accounts and counts (one
 * `_id in` request each) and the rules — four reads, each bounded by the page, never the records.
 */
export const unitDuties: H['unitDuties'] = {
  input: unitDutiesInput,
  async run({ unitId, year, page: pageNo = 1, pageSize = 20 }, { actor, now }) {
    if (!isLiaisonOf(actor.roles, unitId) && !isAdmin(actor.roles)) throw refuse.forbidden('只有本单位的联络员可以查看本单位党员的年度任务');
    const y = year ?? periodsOf(now).year;
    const members = await page<User>('users', { unitId, 'roles.role': 'member' }, '_id', pageNo, pageSize, 'asc');
    const shown = members.slice(0, pageSize);
    const [rules, accounts, counts] = await Promise.all([
      rulesInForce(),
      byIds<PointAccount>('pointAccounts', shown.map((m) => m._id)),
      byIds<DutyCounts>(DUTY_COUNTS, shown.map((m) => dutyCountsId(m._id, y))),
    ]);
    const rows = shown.map((m) => dutyProgress({ openid: m._id, name: m.name }, y, kept(accounts.find((a) => a._id === m._id) ?? null, counts.find((c) => c.openid === m._id) ?? null, y), rules, now));
    const paged = toPage(behindFirst(rows), pageNo, pageSize, (r) => r);
    return { unitId, year: y, rules, people: { ...paged, hasMore: members.length > pageSize } };
  },
};

/** A member's 调研 of this quarter: one counted a quarter (a second is answered with the first). */
export const recordSurvey: H['recordSurvey'] = {
  input: surveyInput,
  async run({ note }, { actor, now }) {
    if (!isMember(actor.roles)) throw refuse.forbidden('只有在职党员登记调研');
    const { year } = periodsOf(now);
    const quarter = quarterOf(now);
    const record: DutyRecord = { _id: surveyId(actor.openid, year, quarter), kind: 'survey', openid: actor.openid, name: actor.name, unitId: actor.unitId, year, quarter, note, by: { openid: actor.openid, name: actor.name }, at: now };
    return (await saveDutyRecord(record, 'surveys')).record;
  },
};

/** Staff of the member's home community: the member helped solve a 难题. */
export const recordProblem: H['recordProblem'] = {
  input: problemInput,
  async run({ openid, note }, { actor, now }) {
    if (openid === actor.openid) throw refuse.forbidden('不能为自己登记');
    const member = await loadPerson(openid);
    if (!member || !isStaffOf(actor.roles, member.communityId)) throw refuse.notFound('该党员');
    if (!isMember(member.roles)) throw refuse.invalid('只能为在职党员登记');
    const { year } = periodsOf(now);
    const record: DutyRecord = { _id: `problem_${newId()}`, kind: 'problem', openid, name: member.name, unitId: member.unitId, year, quarter: null, note, by: { openid: actor.openid, name: actor.name }, at: now };
    return (await saveDutyRecord(record, 'problems')).record;
  },
};
