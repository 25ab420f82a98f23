/**
 * Demo 共建项目 for 青山县, made the way people make them — through the projects handlers as each
 * demo person, each step at its own moment (the clock set as local/seed/as-of.ts does for
 * dispatch), so the timeline reads in order: published, then claimed days later, progress,
 * completed, rated. 东街社区: a need 已评实效 (人社局's 四点半学校), one 待评价 (卫健局), one 进行中
 * (人社局), one 待认领; a 义诊 requested from 卫健局 and accepted, a 法律咨询 requested of 人社局 and
 * waiting; 西门社区: a need 待认领 and a request of 卫健局's 培训室 declined. Seeded once, on an
 * empty `projects` collection.
 */
import { actorOf } from '../../cloudfunctions/core/actor';
import { dayOf } from '../../cloudfunctions/core/calendar';
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import { db } from '../../cloudfunctions/lib/cloud';
import type { ActionSpec, Ctx } from '../../cloudfunctions/lib/router';
import { parseInput } from '../../cloudfunctions/lib/validate';
import * as publishing from '../../cloudfunctions/projects/publishing';
import * as steps from '../../cloudfunctions/projects/steps';
import type { User } from '../../types/domain';
import type { LocalCloud } from '../runtime';

const STAFF = 'demo-staff-dongjie';
const GRID = 'demo-grid-dongjie';
const STAFF_XIMEN = 'demo-staff-ximen';
const LIAISON = 'demo-liaison-renshe';
const LIAISON_WJ = 'demo-liaison-weijian';
const ZHANG = 'demo-member-zhang';
const CHEN = 'demo-member-chen';
const LIU = 'demo-member-liu';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const DAY = 24 * 3600_000;

const ACTIONS = { ...publishing, ...steps } as unknown as Record<string, ActionSpec<unknown, unknown>>;

export async function seedDemoProjects(local: LocalCloud, now = new Date()): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('projects').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;
  let n = 0;
  /** `action` as `openid`, `daysAgo` days before `now` (at 10:00 that day's clock time plus the hour given). */
  const at = async (daysAgo: number, openid: string, action: string, payload: Record<string, unknown>): Promise<{ _id: string }> => {
    const spec = ACTIONS[action];
    const when = new Date(now.getTime() - daysAgo * DAY);
    const fn = {
      main: async () => {
        const user = (await db.collection('users').doc(openid).get<User>()).data;
        if (!user) throw new Error(`seed: no user ${openid}`);
        const ctx: Ctx = { openid, user, actor: actorOf(user), now: when };
        return spec.run(parseInput(spec.input, payload), ctx);
      },
    };
    try {
      return (await local.invoke(fn, {}, openid)).result as { _id: string };
    } catch (e) {
      throw new Error(`seed: projects.${action} as ${openid} ${daysAgo} days ago: ${(e as Error).message}`);
    }
  };
  /** A period from `fromAgo` days ago for `days` days. */
  const period = (fromAgo: number, days: number) => ({ from: dayOf(new Date(now.getTime() - fromAgo * DAY)), to: dayOf(new Date(now.getTime() + (days - fromAgo) * DAY)) });
  const photo = async (openid: string) => {
    const { result } = await local.invoke(dispatchFn, { action: 'uploadPhoto', contentType: 'image/png', base64: PNG }, openid);
    return (result as { data: { fileID: string } }).data.fileID;
  };
  const need = (daysAgo: number, who: string, communityId: string, title: string, description: string, helpWanted: string, p: { from: string; to: string }) => {
    n++;
    return at(daysAgo, who, 'publishNeed', { communityId, title, description, helpWanted, period: p }).then((x) => x._id);
  };

  // 东街: 四点半学校 — 人社局 claimed, 张伟 and 陈明 took part, done and rated 满意.
  const school = await need(40, STAFF, 'c-dongjie', '四点半学校辅导', '放学后到社区活动室，辅导双职工家庭孩子的作业', '每周二、四下午 4:30—6:00，每次两名党员', period(38, 90));
  await at(37, LIAISON, 'claim', { id: school });
  await at(36, ZHANG, 'join', { id: school });
  await at(36, CHEN, 'join', { id: school });
  await at(30, ZHANG, 'progress', { id: school, text: '第一周辅导 12 名孩子，以数学和语文作业为主', photos: [await photo(ZHANG)] });
  await at(20, CHEN, 'progress', { id: school, text: '第三周增加了英语朗读，家长反映很好', photos: [await photo(CHEN)] });
  await at(12, LIAISON, 'complete', { id: school, note: '本期共 8 次辅导、服务孩子 96 人次' });
  await at(10, STAFF, 'rate', { id: school, value: 'satisfied', comment: '孩子们作业按时完成，家长们很满意' });

  // 东街: 老年人慢病随访 — 卫健局 claimed, 刘芳 took part, done, waiting for 评实效.
  const health = await need(35, GRID, 'c-dongjie', '老年人慢病随访', '为辖区 60 岁以上高血压、糖尿病老人上门测量、建档', '每月一次，需要医生和护士各一名', period(34, 60));
  await at(33, LIAISON_WJ, 'claim', { id: health });
  await at(33, LIU, 'join', { id: health });
  await at(18, LIU, 'progress', { id: health, text: '上门随访 23 位老人，建立了健康档案', photos: [await photo(LIU)] });
  await at(3, LIAISON_WJ, 'complete', { id: health, note: '两轮随访完成，发现 3 位老人血压偏高已转诊' });

  // 东街: 就业帮扶 — 人社局 claimed, in progress.
  const jobs = await need(15, STAFF, 'c-dongjie', '失业人员再就业指导', '为社区登记的失业人员提供岗位推荐和技能培训报名', '每两周一次，在社区党群服务中心', period(14, 120));
  await at(12, LIAISON, 'claim', { id: jobs });
  await at(11, ZHANG, 'join', { id: jobs });
  await at(5, ZHANG, 'progress', { id: jobs, text: '推荐岗位 15 个，6 人报名电工培训' });

  // 东街: 老旧小区改造宣传 — waiting for a unit.
  await need(4, STAFF, 'c-dongjie', '老旧小区改造宣传', '和平小区明年列入改造，需要向居民讲清改造内容和出资办法', '两场宣讲会，发放明白纸', period(0, 45));

  // 西门: 楼道绿化 — waiting for 卫健局 or 住建局.
  await need(6, STAFF_XIMEN, 'c-ximen', '西门花园楼道绿化', '清理楼道杂物，在楼道口摆放绿植', '一个周末，需要 10 名志愿者', period(0, 30));

  // The 服务清单: 人社局's 法律咨询, 卫健局's 义诊 and its 培训室 (a resource).
  const law = await at(50, LIAISON, 'publishService', { unitId: 'unit-renshe', kind: 'service', title: '劳动维权法律咨询', description: '律师和劳动监察员到社区坐诊，解答工资、社保、劳动合同问题' });
  const clinic = await at(50, LIAISON_WJ, 'publishService', { unitId: 'unit-weijian', kind: 'service', title: '健康义诊', description: '内科、眼科医生到社区义诊，免费测血压、血糖' });
  const room = await at(45, LIAISON_WJ, 'publishService', { unitId: 'unit-weijian', kind: 'resource', title: '县卫健局培训室', description: '可容纳 60 人，有投影，周末可借用' });

  // 东街 asked for 义诊 (accepted, under way) and 法律咨询 (waiting for 人社局).
  n++;
  const asked = (await at(25, STAFF, 'request', { serviceId: clinic._id, communityId: 'c-dongjie', helpWanted: '重阳节前后到社区义诊一次', period: period(24, 30) }))._id;
  await at(24, LIAISON_WJ, 'accept', { id: asked });
  await at(23, LIU, 'join', { id: asked });
  await at(20, LIU, 'progress', { id: asked, text: '义诊 62 人，测血压 58 人次', photos: [await photo(LIU)] });
  n++;
  await at(2, STAFF, 'request', { serviceId: law._id, communityId: 'c-dongjie', helpWanted: '年底讨薪问题较多，希望 12 月来坐诊一次', period: period(0, 30) });

  // 西门 asked for the 培训室; 卫健局 declined (the date was taken).
  n++;
  const hall = (await at(9, STAFF_XIMEN, 'request', { serviceId: room._id, communityId: 'c-ximen', helpWanted: '借用一个周六上午开居民议事会', period: period(0, 10) }))._id;
  await at(8, LIAISON_WJ, 'decline', { id: hall, reason: '那个周六培训室已有全县培训，可改到下周六' });
  return n;
}
