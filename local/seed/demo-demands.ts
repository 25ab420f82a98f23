/**
 * Demo demands in every state, made the way people make them: through the dispatch function as
 * each demo person. Two are then aged so that they are overdue. Seeded once, on an empty
 * `demands` collection (they have generated ids, so re-seeding would duplicate them).
 */
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import { _, db } from '../../cloudfunctions/lib/cloud';
import type { LocalCloud } from '../runtime';

const RESIDENT = 'demo-resident-wang';
const RESIDENT_XIMEN = 'demo-resident-li';
const STAFF = 'demo-staff-dongjie';
const STAFF_XIMEN = 'demo-staff-ximen';
const GRID = 'demo-grid-dongjie';
const LIAISON = 'demo-liaison-renshe';
const LIAISON_WJ = 'demo-liaison-weijian';
const MEMBER = 'demo-member-zhang';
const MEMBER_WJ = 'demo-member-liu';

export async function seedDemoDemands(local: LocalCloud): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('demands').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;

  const call = async (openid: string, action: string, payload: Record<string, unknown>) => {
    const { result } = await local.invoke(dispatchFn, { action, ...payload }, openid);
    const env = result as { ok: boolean; data?: { _id: string }; error?: { message: string } };
    if (!env.ok) throw new Error(`seed: dispatch.${action} as ${openid}: ${env.error?.message}`);
    return env.data!;
  };
  const submit = (openid: string, category: string, text: string, extra: Record<string, unknown> = {}) =>
    call(openid, 'submit', { category, text, ...extra }).then((d) => d._id);
  const toUnit = async (id: string, unitId: string | null, slots = 2, urgency = 'normal') => {
    await call(STAFF, 'dispatch', { id, ...(unitId ? { unitId } : {}), slots, expectedHours: 2, urgency });
  };
  /** As if dispatched long ago: deadlines in the past, on the demand and in the scorecards tracking it. */
  const age = async (id: string, hoursAgo: number) => {
    const past = new Date(Date.now() - hoursAgo * 3600_000);
    await local.invoke(
      {
        main: async () => {
          await db.collection('demands').doc(id).update({ data: { 'dispatch.acceptBy': past, 'dispatch.finishBy': past } });
          await db.collection('scorecards').where({ [`open.${id}`]: _.exists(true) }).update({ data: { [`open.${id}`]: past } });
        },
      },
      {},
      'seed',
    );
  };
  let n = 0;
  const count = <T>(x: T) => (n++, x);

  // 待受理
  const lamp = count(await submit(RESIDENT, 'facilities', '幸福小区1号楼三楼楼道灯坏了一周，晚上老人上下楼看不清。'));
  const duplicate = count(await submit(RESIDENT, 'facilities', '1号楼楼道灯还是不亮。'));
  await call(STAFF, 'merge', { id: duplicate, intoId: lamp });
  count(await submit(RESIDENT_XIMEN, 'environment', '西门花园垃圾清运不及时，夏天气味很大。'));
  count(await submit(RESIDENT, 'neighbourhood', '希望社区组织一次防电信诈骗讲座。', { anonymous: true }));

  // 社区办理中 (小事不出小区)
  const handled = count(await submit(RESIDENT, 'neighbourhood', '楼上装修噪音太大，中午也不停。'));
  await call(GRID, 'handle', { id: handled, note: '网格员上门协调' });

  // 已派单, waiting for the unit; and an open offer to every paired unit, now overdue
  const waiting = count(await submit(RESIDENT, 'employment', '孩子大学毕业，想咨询灵活就业社保怎么交。'));
  await toUnit(waiting, 'unit-renshe', 1);
  const offer = count(await submit(RESIDENT, 'safety', '和平小区老旧电线裸露，下雨天担心漏电。', { urgency: 'urgent' }));
  await toUnit(offer, null, 2, 'urgent');
  await age(offer, 3);

  // 已接单: one slot of two taken; and one overdue past its finish time
  const claimable = count(await submit(RESIDENT, 'elderlyCare', '独居老人张奶奶需要有人帮忙办理养老金资格认证。'));
  await toUnit(claimable, 'unit-renshe', 2);
  await call(LIAISON, 'accept', { id: claimable });
  await call(MEMBER, 'claim', { id: claimable });
  const late = count(await submit(RESIDENT, 'health', '行动不便的李爷爷需要上门测血压、血糖。'));
  await toUnit(late, 'unit-weijian', 1);
  await call(LIAISON_WJ, 'accept', { id: late });
  await call(MEMBER_WJ, 'claim', { id: late });
  await age(late, 1);

  // 待验收, 待评价, 已办结
  const done = async (text: string, category: string) => {
    const id = await submit(RESIDENT, category, text);
    await toUnit(id, 'unit-renshe', 1);
    await call(LIAISON, 'accept', { id });
    await call(MEMBER, 'claim', { id });
    await call(MEMBER, 'complete', { id, notes: '已上门办理，居民当面确认。', hours: 2 });
    return id;
  };
  count(await done('社区招聘会需要志愿者帮忙引导。', 'employment'));
  const toRate = count(await done('单元门禁坏了，外卖快递随便进出。', 'facilities'));
  await call(STAFF, 'verify', { id: toRate });
  const closed = count(await done('帮忙给低保户王阿姨申请临时救助。', 'elderlyCare'));
  await call(STAFF, 'verify', { id: closed });
  await call(RESIDENT, 'rate', { id: closed, value: 'satisfied', comment: '办得很快，谢谢党员同志！' });
  await call(STAFF, 'returnVisit', { id: closed, note: '电话回访，救助金已到账，王阿姨很满意。' });

  // 不予受理
  const declined = count(await submit(RESIDENT_XIMEN, 'other', '希望小区门口修一个地铁站。'));
  await call(STAFF_XIMEN, 'decline', { id: declined, reason: '不属于社区职责范围，已告知可向县交通局反映。' });

  // 已吹哨: unsatisfied twice
  const whistle = count(await done('下水道反复堵塞，修了又堵。', 'facilities'));
  await call(STAFF, 'verify', { id: whistle });
  await call(RESIDENT, 'rate', { id: whistle, value: 'unsatisfied', comment: '第二天又堵了' });
  await call(MEMBER, 'complete', { id: whistle, notes: '疏通主管道', hours: 3 });
  await call(STAFF, 'verify', { id: whistle });
  await call(RESIDENT, 'rate', { id: whistle, value: 'unsatisfied', comment: '还是堵，需要彻底改造' });
  return n;
}
