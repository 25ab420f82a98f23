/**
 * Demo 设岗定责, 承诺践诺评诺 and 年度任务 for 青山县, made the way people make them: through the
 * posts function as each demo person, at today's clock (work logged on earlier days within the
 * last weeks, each verified after it was done). 东街社区 has three posts and two zones, 西门社区 one
 * of each; 刘洋 holds 民情收集岗 and 东门绿化带 with one log verified and one waiting for 验收, 陈静
 * holds 政策宣传岗 in 西门 (verified); 刘洋 has a pledge rated by the secretary and by 王秀英 and one
 * still open, 陈静 one fulfilled waiting for 评诺; 刘洋 has this quarter's 调研 and a 难题 helped.
 * Seeded once, on an empty `posts` collection.
 */
import { dayOf } from '../../cloudfunctions/core/calendar';
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import { db } from '../../cloudfunctions/lib/cloud';
import * as postsFn from '../../cloudfunctions/posts/index';
import type { FunctionModule, LocalCloud } from '../runtime';

const WANG = 'demo-resident-wang';
const STAFF = 'demo-staff-dongjie';
const STAFF_XIMEN = 'demo-staff-ximen';
const SECRETARY = 'demo-secretary-dongjie';
const LIU = 'demo-member-liu';
const CHEN = 'demo-member-chen';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export async function seedDemoPosts(local: LocalCloud): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('posts').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;
  const call = async <T = { _id: string }>(fn: FunctionModule, openid: string, action: string, payload: Record<string, unknown>): Promise<T> => {
    const { result } = await local.invoke(fn, { action, ...payload }, openid);
    const env = result as { ok: boolean; data?: T; error?: { message: string } };
    if (!env.ok) throw new Error(`seed: posts.${action} as ${openid}: ${env.error?.message}`);
    return env.data!;
  };
  const posts = (openid: string, action: string, payload: Record<string, unknown>) => call(postsFn, openid, action, payload);
  const daysAgo = (n: number) => dayOf(new Date(Date.now() - n * 24 * 3600_000));
  const make = async (openid: string, communityId: string, kind: 'post' | 'zone', name: string, duties: string, hoursPerYear: number) =>
    (await posts(openid, 'createPost', { communityId, kind, name, duties, hoursPerYear }))._id;

  await make(STAFF, 'c-dongjie', 'post', '纠纷调解岗', '调解邻里、物业纠纷，难调解的报社区', 20);
  const minqing = await make(STAFF, 'c-dongjie', 'post', '民情收集岗', '每月走访楼栋，收集居民意见并反映到社区', 20);
  await make(STAFF, 'c-dongjie', 'post', '治安巡逻岗', '夜间在小区巡逻，发现隐患及时报告', 12);
  const green = await make(STAFF, 'c-dongjie', 'zone', '东门绿化带', '每周清理垃圾、劝阻毁绿种菜', 10);
  await make(STAFF, 'c-dongjie', 'zone', '和平小区1号楼楼道', '楼道杂物清理、消防通道畅通', 6);
  const policy = await make(STAFF_XIMEN, 'c-ximen', 'post', '政策宣传岗', '宣传医保、养老政策，帮老人在手机上办事', 20);
  await make(STAFF_XIMEN, 'c-ximen', 'zone', '西门花园中心广场', '广场卫生和健身器材安全巡查', 8);

  await posts(LIU, 'claimPost', { id: minqing });
  await posts(LIU, 'claimPost', { id: green });
  const done = await posts(LIU, 'logWork', { postId: minqing, workedOn: daysAgo(14), hours: 2, note: '走访幸福小区 2 号楼，收集加装电梯意见 5 条' });
  await posts(STAFF, 'verifyLog', { id: done._id });
  await posts(LIU, 'logWork', { postId: green, workedOn: daysAgo(3), hours: 1.5, note: '清理东门绿化带垃圾，劝阻种菜 1 户' });
  await posts(CHEN, 'claimPost', { id: policy });
  const chenLog = await posts(CHEN, 'logWork', { postId: policy, workedOn: daysAgo(7), hours: 2, note: '在广场教 8 位老人用手机交医保' });
  await posts(STAFF_XIMEN, 'verifyLog', { id: chenLog._id });

  const photo = async (openid: string) => (await call<{ fileID: string }>(dispatchFn, openid, 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  const rated = await posts(LIU, 'pledge', { text: '每月为独居老人免费量一次血压' });
  await posts(LIU, 'fulfilPledge', { id: rated._id, note: '已为和平小区 6 位独居老人量血压并建档', photos: [await photo(LIU)] });
  await posts(SECRETARY, 'ratePledge', { id: rated._id, grade: 'excellent', comment: '坚持得好，老人们都认识刘医生' });
  await posts(WANG, 'residentRatePledge', { id: rated._id, verdict: 'satisfied' });
  await posts(LIU, 'pledge', { text: '年内组织一次楼栋健康讲座' });
  const chen = await posts(CHEN, 'pledge', { text: '帮助 20 位老人学会用手机办社保' });
  await posts(CHEN, 'fulfilPledge', { id: chen._id, note: '已教会 12 位老人，在广场每周六上午', photos: [await photo(CHEN)] });

  await posts(LIU, 'recordSurvey', { note: '调研幸福小区老人就医需求：多数希望有上门量血压服务' });
  await posts(SECRETARY, 'recordProblem', { openid: LIU, note: '协调县卫健局为 2 号楼卧床老人上门办理慢病卡' });
  return 7;
}
