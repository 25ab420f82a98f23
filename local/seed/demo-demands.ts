/**
 * Demo demands in every state, made the way people make them: through the dispatch function's
 * own handlers as each demo person, each step at its moment over the last four weeks (./as-of.ts),
 * so deadlines follow from the SLA rules, overdue items are overdue because their time passed,
 * and every scorecard counter is one the steps wrote. Seeded once, on an empty `demands`
 * collection (they have generated ids, so re-seeding would duplicate them).
 */
import { db } from '../../cloudfunctions/lib/cloud';
import { DAY, HOUR, MINUTE, chinaDayStart } from '../../cloudfunctions/core/calendar';
import type { DemandDetail } from '../../types/dispatch';
import type { LocalCloud } from '../runtime';
import { dispatchAt } from './as-of';

const RESIDENT = 'demo-resident-wang';
const RESIDENT_XIMEN = 'demo-resident-li';
const STAFF = 'demo-staff-dongjie';
const STAFF_XIMEN = 'demo-staff-ximen';
const GRID = 'demo-grid-dongjie';
const LIAISON = 'demo-liaison-renshe';
const LIAISON_WJ = 'demo-liaison-weijian';
const MEMBER = 'demo-member-zhang';
const MEMBER_WJ = 'demo-member-liu';
const SECRETARY = 'demo-secretary-dongjie';

export async function seedDemoDemands(local: LocalCloud, now = new Date()): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('demands').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;

  /** `days` China days before today at `clock` (China time); never later than now. */
  const ago = (days: number, clock: string): Date => {
    const [h, m] = clock.split(':').map(Number);
    const t = new Date(chinaDayStart(now).getTime() - days * DAY + h * HOUR + m * MINUTE);
    if (t > now) throw new Error(`seed: ${days} days ago at ${clock} is in the future`);
    return t;
  };
  const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);
  /** The next China day after `t`, at `clock`. */
  const dayAfter = (t: Date, clock: string): Date => {
    const [h, m] = clock.split(':').map(Number);
    return new Date(chinaDayStart(t).getTime() + DAY + h * HOUR + m * MINUTE);
  };

  const act = dispatchAt(local);
  const call = (openid: string, action: string, at: Date, payload: Record<string, unknown>) => act(openid, action, payload, at) as Promise<DemandDetail>;
  let n = 0;
  const submit = async (openid: string, at: Date, category: string, text: string, extra: Record<string, unknown> = {}) => {
    n++;
    return (await call(openid, 'submit', at, { category, text, ...extra }))._id;
  };
  const toUnit = (id: string, at: Date, unitId: string | null, slots = 1, urgency = 'normal') =>
    call(STAFF, 'dispatch', at, { id, ...(unitId ? { unitId } : {}), slots, expectedHours: 2, urgency });

  // 待受理, and a duplicate merged into it
  const lamp = await submit(RESIDENT, ago(3, '19:20'), 'facilities', '幸福小区1号楼三楼楼道灯坏了一周，晚上老人上下楼看不清。');
  const duplicate = await submit(RESIDENT, ago(1, '08:10'), 'facilities', '1号楼楼道灯还是不亮。');
  await call(STAFF, 'merge', ago(1, '09:05'), { id: duplicate, intoId: lamp });
  await submit(RESIDENT_XIMEN, ago(2, '07:45'), 'environment', '西门花园垃圾清运不及时，夏天气味很大。');
  await submit(RESIDENT, ago(1, '21:00'), 'neighbourhood', '希望社区组织一次防电信诈骗讲座。', { anonymous: true });

  // 社区办理中 (小事不出小区)
  const handled = await submit(RESIDENT, ago(4, '12:30'), 'neighbourhood', '楼上装修噪音太大，中午也不停。');
  await call(GRID, 'handle', ago(4, '14:00'), { id: handled, note: '网格员上门协调' });

  // 已派单, waiting for the unit within its time
  const waiting = await submit(RESIDENT, hoursAgo(6), 'employment', '孩子大学毕业，想咨询灵活就业社保怎么交。');
  await toUnit(waiting, hoursAgo(2), 'unit-renshe');

  // Overdue: an urgent open offer nobody accepted within 2 hours, three days ago
  const offer = await submit(RESIDENT, ago(3, '08:30'), 'safety', '和平小区老旧电线裸露，下雨天担心漏电。', { urgency: 'urgent' });
  await toUnit(offer, ago(3, '09:00'), null, 2, 'urgent');

  // 已接单: one slot of two taken, in time
  const claimable = await submit(RESIDENT, ago(2, '09:00'), 'elderlyCare', '独居老人张奶奶需要有人帮忙办理养老金资格认证。');
  await toUnit(claimable, ago(2, '10:00'), 'unit-renshe', 2);
  await call(LIAISON, 'accept', ago(2, '14:30'), { id: claimable });
  await call(MEMBER, 'claim', ago(2, '16:00'), { id: claimable });

  // Overdue: accepted the day after its accept time (超时接单) and still not done 26 days on
  const late = await submit(RESIDENT, ago(26, '09:10'), 'health', '行动不便的李爷爷需要上门测血压、血糖。');
  const lateDispatch = (await toUnit(late, ago(26, '10:00'), 'unit-weijian')).dispatch!;
  const lateAccept = dayAfter(new Date(lateDispatch.acceptBy), '09:30');
  await call(LIAISON_WJ, 'accept', lateAccept, { id: late });
  await call(MEMBER_WJ, 'claim', new Date(lateAccept.getTime() + HOUR), { id: late });

  // Overdue and 待验收: done after its finish time, not yet verified — still open past its deadline
  const lateDone = await submit(RESIDENT, ago(24, '08:40'), 'facilities', '小区健身器材螺丝松动，老人锻炼时晃得厉害。');
  await toUnit(lateDone, ago(24, '09:30'), 'unit-renshe');
  await call(LIAISON, 'accept', ago(24, '11:00'), { id: lateDone });
  await call(MEMBER, 'claim', ago(24, '11:20'), { id: lateDone });
  await call(MEMBER, 'complete', ago(1, '16:00'), { id: lateDone, notes: '已逐个紧固健身器材，贴了安全提示。', hours: 2 });

  /** Submitted, dispatched to 县人社局, accepted and done by 张伟 over `d` days ago … `d - 1`. */
  const done = async (d: number, category: string, text: string) => {
    const id = await submit(RESIDENT, ago(d, '08:00'), category, text);
    await toUnit(id, ago(d, '09:00'), 'unit-renshe');
    await call(LIAISON, 'accept', ago(d, '11:30'), { id });
    await call(MEMBER, 'claim', ago(d, '13:00'), { id });
    await call(MEMBER, 'complete', ago(d - 1, '16:00'), { id, notes: '已上门办理，居民当面确认。', hours: 2 });
    return id;
  };

  // 待验收, 待评价 (verified, not rated: unrated, never counted as satisfied), 已办结 with a 回访
  await done(6, 'employment', '社区招聘会需要志愿者帮忙引导。');
  const toRate = await done(9, 'facilities', '单元门禁坏了，外卖快递随便进出。');
  await call(STAFF, 'verify', ago(8, '17:30'), { id: toRate });
  const closed = await done(16, 'elderlyCare', '帮忙给低保户王阿姨申请临时救助。');
  await call(STAFF, 'verify', ago(14, '10:00'), { id: closed });
  await call(RESIDENT, 'rate', ago(13, '20:00'), { id: closed, value: 'satisfied', comment: '办得很快，谢谢党员同志！' });
  await call(STAFF, 'returnVisit', ago(10, '10:00'), { id: closed, note: '电话回访，救助金已到账，王阿姨很满意。' });

  // 不满意 once, redone, then 基本满意: one rated demand, counted by its final rating
  const leak = await submit(RESIDENT, ago(12, '09:00'), 'health', '社区卫生室的血压计不准，想请医生来校准。');
  await toUnit(leak, ago(12, '10:00'), 'unit-weijian');
  await call(LIAISON_WJ, 'accept', ago(12, '14:00'), { id: leak });
  await call(MEMBER_WJ, 'claim', ago(12, '15:00'), { id: leak });
  await call(MEMBER_WJ, 'complete', ago(11, '16:00'), { id: leak, notes: '已校准两台血压计。', hours: 1 });
  await call(STAFF, 'verify', ago(11, '18:00'), { id: leak });
  await call(RESIDENT, 'rate', ago(10, '20:00'), { id: leak, value: 'unsatisfied', comment: '还有一台读数偏高' });
  await call(MEMBER_WJ, 'complete', ago(9, '15:00'), { id: leak, notes: '更换了偏高的一台。', hours: 1 });
  await call(STAFF, 'verify', ago(9, '17:00'), { id: leak });
  await call(RESIDENT, 'rate', ago(8, '19:00'), { id: leak, value: 'basic', comment: '现在准了' });

  // 不予受理
  const declined = await submit(RESIDENT_XIMEN, ago(5, '10:00'), 'other', '希望小区门口修一个地铁站。');
  await call(STAFF_XIMEN, 'decline', ago(5, '15:00'), { id: declined, reason: '不属于社区职责范围，已告知可向县交通局反映。' });

  // 已吹哨: unsatisfied twice
  const whistle = await done(20, 'facilities', '下水道反复堵塞，修了又堵。');
  await call(STAFF, 'verify', ago(18, '10:00'), { id: whistle });
  await call(RESIDENT, 'rate', ago(18, '19:00'), { id: whistle, value: 'unsatisfied', comment: '第二天又堵了' });
  await call(MEMBER, 'complete', ago(16, '15:00'), { id: whistle, notes: '疏通主管道', hours: 3 });
  await call(STAFF, 'verify', ago(15, '10:00'), { id: whistle });
  await call(RESIDENT, 'rate', ago(15, '20:00'), { id: whistle, value: 'unsatisfied', comment: '还是堵，需要彻底改造' });
  // …and the secretary calls the units and the town in on it (吹哨): 已吹哨 until resolved.
  await call(SECRETARY, 'escalate', ago(14, '09:00'), { id: whistle, reason: '管道老化反复堵塞，需县住建部门和镇里协调改造。' });

  // 延期: accepted in time, the unit asked for more days before its finish time and the community agreed
  const extended = await submit(RESIDENT, ago(5, '08:20'), 'facilities', '2号楼单元门闭门器坏了，门关不上。');
  const extendedDispatch = (await toUnit(extended, ago(5, '09:00'), 'unit-renshe')).dispatch!;
  await call(LIAISON, 'accept', ago(5, '10:30'), { id: extended });
  await call(MEMBER, 'claim', ago(5, '11:00'), { id: extended });
  const until = new Date(new Date(extendedDispatch.finishBy).getTime() + 5 * DAY + 8 * HOUR).toISOString().slice(0, 10);
  await call(LIAISON, 'extend', ago(3, '10:00'), { id: extended, until, reason: '闭门器型号停产，需向厂家订购配件。' });
  await call(STAFF, 'approveExtension', ago(3, '15:00'), { id: extended });
  return n;
}
