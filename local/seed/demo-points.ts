/**
 * Demo points (Pillar 2), made the way people make them: through the points function as each
 * demo person (the ledger entries of verified demands come from the demo demands already).
 * Activities upcoming, running and past (one with check-outs awaiting approval and a missed
 * check-out, one approved), 双报到 of this and earlier months, an award, catalogue items of
 * 东街社区 and 县人社局, and redemptions pending and fulfilled. Seeded once, on an empty
 * `activities` collection. Every balance is written by the ledger, so reconcile agrees.
 */
import { db } from '../../cloudfunctions/lib/cloud';
import * as pointsFn from '../../cloudfunctions/points/index';
import { recordCheckIn } from '../../cloudfunctions/points/checkins';
import type { User } from '../../types/domain';
import type { LocalCloud } from '../runtime';

const STAFF = 'demo-staff-dongjie';
const SECRETARY = 'demo-secretary-dongjie';
const LIAISON = 'demo-liaison-renshe';
const MEMBER = 'demo-member-zhang';
const MEMBER_CHEN = 'demo-member-chen';
const MEMBER_WJ = 'demo-member-liu';
const RESIDENT = 'demo-resident-wang';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * 双报到 of the two months before this one, through the same code at their time. Called before
 * anything else posts to the ledger, so the demo ledger is posted in date order as a real one is
 * (entries are dated when posted). Idempotent: a month already checked in writes nothing.
 */
export async function seedPastCheckIns(local: LocalCloud): Promise<void> {
  const direct = <T>(fn: () => Promise<T>) => local.invoke({ main: fn }, {}, 'seed').then((r) => r.result as T);
  const users = await direct(async () => (await db.collection('users').where({ _id: db.command.in([MEMBER, MEMBER_WJ, MEMBER_CHEN]) }).get<User>()).data);
  for (const [u, monthsAgo] of [[MEMBER, 2], [MEMBER, 1], [MEMBER_WJ, 1], [MEMBER_CHEN, 1]] as const) {
    const user = users.find((x) => x._id === u)!;
    await direct(() => recordCheckIn(user, new Date(Date.now() - monthsAgo * 31 * DAY), '到社区报到'));
  }
}

export async function seedDemoPoints(local: LocalCloud): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('activities').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;

  const call = async <T = { _id: string; code: string | null }>(openid: string, action: string, payload: Record<string, unknown> = {}): Promise<T> => {
    const { result } = await local.invoke(pointsFn, { action, ...payload }, openid);
    const env = result as { ok: boolean; data?: T; error?: { message: string } };
    if (!env.ok) throw new Error(`seed: points.${action} as ${openid}: ${env.error?.message}`);
    return env.data!;
  };
  const direct = (fn: () => Promise<unknown>) => local.invoke({ main: fn }, {}, 'seed');
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  let n = 0;

  const activity = async (title: string, place: string, startIn: number, hours: number, capacity: number, fixedHours?: number) => {
    n++;
    return call(STAFF, 'createActivity', {
      title,
      place,
      description: `${title}，欢迎党员和居民报名参加。`,
      startAt: at(startIn),
      endAt: at(startIn + hours * HOUR),
      capacity,
      hoursRule: fixedHours ? 'fixed' : 'actual',
      ...(fixedHours ? { fixedHours } : {}),
    });
  };
  /** As if it happened days ago (the sign-ups' times move with it). */
  const age = (id: string, daysAgo: number, hours: number) =>
    direct(async () => {
      const start = new Date(Date.now() - daysAgo * DAY);
      await db.collection('activities').doc(id).update({ data: { startAt: start, endAt: new Date(start.getTime() + hours * HOUR) } });
    });
  const attend = async (id: string, code: string, people: string[], out: string[]) => {
    for (const p of people) {
      await call(p, 'signUp', { id });
      await call(p, 'activityCheckIn', { id, code });
    }
    for (const p of out) await call(p, 'activityCheckOut', { id, code });
  };

  // 报名中: next week, 张伟 and 王秀英 signed up.
  const upcoming = await activity('垃圾分类宣传进小区', '幸福小区中心广场', 6 * DAY, 2, 20);
  await call(MEMBER, 'signUp', { id: upcoming._id });
  await call(RESIDENT, 'signUp', { id: upcoming._id });

  // 进行中: 刘洋 checked in.
  const running = await activity('社区义诊志愿服务', '东街社区党群服务中心', -HOUR, 3, 10, 2);
  await call(MEMBER_WJ, 'signUp', { id: running._id });
  await call(MEMBER_WJ, 'activityCheckIn', { id: running._id, code: running.code });

  // 已结束, approved: 陈静 and 刘洋 served 2 h each; 黄志明 approved.
  const approved = await activity('护城河河道清洁', '东街河道', -HOUR, 3, 15, 2);
  await attend(approved._id, approved.code!, [MEMBER_CHEN, MEMBER_WJ], [MEMBER_CHEN, MEMBER_WJ]);
  await age(approved._id, 12, 3);
  await call(SECRETARY, 'approveHours', { id: approved._id });

  // 已结束, awaiting approval: 张伟 and 赵敏 checked out, 王秀英 forgot to check out.
  const pending = await activity('敬老院探访慰问', '城关镇敬老院', -HOUR, 3, 12, 2.5);
  await attend(pending._id, pending.code!, [MEMBER, LIAISON, RESIDENT], [MEMBER, LIAISON]);
  await age(pending._id, 2, 3);

  // 双报到 of this month (张伟, 刘洋) through the function; the months before were posted first (seedPastCheckIns).
  await call(MEMBER, 'checkIn', { note: '参加小区议事会' });
  await call(MEMBER_WJ, 'checkIn', { note: '到社区报到，认领楼道清扫' });

  // A manual award with its reason.
  // Enough (awards are not capped) for 刘洋 to redeem again, so the 兑换 button is there to use and to measure.
  await call(STAFF, 'award', { openid: MEMBER_WJ, points: 60, reason: '组织幸福小区楼道清扫，带动 12 户居民参与' });

  // The catalogue: 东街社区 (周芳) and 县人社局 (赵敏).
  const validFrom = at(-30 * DAY);
  const validUntil = at(90 * DAY);
  const haircut = await call(STAFF, 'createItem', { ownerScope: 'community', ownerId: 'c-dongjie', title: '社区理发券', description: '党群服务中心理发室，凭兑换码理发一次', cost: 30, stock: 20, perPersonLimit: 2, validFrom, validUntil });
  await call(STAFF, 'createItem', { ownerScope: 'community', ownerId: 'c-dongjie', title: '家电清洗服务', description: '志愿者上门清洗油烟机或空调一次', cost: 80, stock: 5, perPersonLimit: 1, validFrom, validUntil });
  await call(LIAISON, 'createItem', { ownerScope: 'unit', ownerId: 'unit-renshe', title: '职业技能培训名额', description: '县人社局免费职业技能培训一期', cost: 50, stock: 10, perPersonLimit: 1, validFrom, validUntil });

  // 张伟 holds a haircut (待核销); 刘洋's was fulfilled by 周芳.
  await call(MEMBER, 'redeem', { itemId: haircut._id });
  const liu = await call(MEMBER_WJ, 'redeem', { itemId: haircut._id });
  await call(STAFF, 'fulfil', { code: liu.code });

  // 双认双评: 县人社局 rates 张伟's year.
  await call(LIAISON, 'reviewMember', { openid: MEMBER, year: String(new Date(Date.now() + 8 * HOUR).getUTCFullYear()), scope: 'unit', grade: 'excellent', comment: '认领任务积极，群众评价好' });
  return n;
}
