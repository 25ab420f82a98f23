/**
 * Demo data for 敲门行动: 20 key households (14 in 东街社区, 4 in 西门, 2 in 南山), paired with the
 * demo members and 吴强, and two months of visits written through the same code the `visits`
 * function runs (cloudfunctions/visits/), each at its own time: some households are overdue, one had
 * 敲门未遇 after its last contact, 黄志明 made a 书记敲门, a need found is waiting in 东街's triage
 * queue, and another was resolved through the dispatch function so that a return visit is due.
 * Seeded once, on an empty `keyHouseholds` collection.
 */
import { dispatchAt } from './as-of';
import { db } from '../../cloudfunctions/lib/cloud';
import { markKey, pair } from '../../cloudfunctions/visits/key-households';
import { recordVisit } from '../../cloudfunctions/visits/recording';
import type { Actor } from '../../cloudfunctions/core/actor';
import type { CareCategory, CareLevel, RecordVisitRequest } from '../../types/visits';
import type { LocalCloud } from '../runtime';
import { DEMO_PEOPLE } from './demo-county';

const DAY = 86_400_000;

const actor = (openid: string): Actor => {
  const p = DEMO_PEOPLE.find((x) => x.openid === openid)!;
  return { openid, name: p.name, phone: p.phone, roles: p.roles, communityId: null, unitId: null };
};
const STAFF = actor('demo-staff-dongjie');
const STAFF_XIMEN = actor('demo-staff-ximen');
/** 南山 has no demo staff: its households came from the town's list (an import, not a person). */
const IMPORT_NANSHAN: Actor = { openid: 'seed', name: '名单导入', phone: '', roles: [{ role: 'staff', communityId: 'c-nanshan' }], communityId: null, unitId: null };

const ZHANG = 'demo-member-zhang';
const CHEN = 'demo-member-chen';
const LIU = 'demo-member-liu';
const WU = 'demo-grid-dongjie';
const SUN = 'demo-liaison-weijian';
const ZHAO = 'demo-liaison-renshe';
const SECRETARY = 'demo-secretary-dongjie';

/** A visit `daysAgo` (at 10:00 that day, roughly): contact (with a wellbeing) or 敲门未遇. */
type V = [daysAgo: number, outcome: 'contact' | 'noContact', by?: string, extra?: Partial<RecordVisitRequest>];

interface DemoHousehold {
  id: string;
  categories: CareCategory[];
  level: CareLevel;
  contact: [name: string, phone: string];
  notes: string;
  visitors: string[];
  /** Oldest first; the first visitor makes them unless `by` says otherwise. */
  visits: V[];
}

const HOUSEHOLDS: DemoHousehold[] = [
  // 东街社区 — weekly households visited on time, one overdue, one with 敲门未遇 after its last contact
  { id: 'h-xingfu-1-101', categories: ['livingAlone'], level: 'weekly', contact: ['赵桂兰', '13907001001'], notes: '耳背，敲门要用力；女儿在外地', visitors: [ZHANG], visits: [[27, 'contact'], [20, 'contact'], [13, 'contact'], [6, 'contact']] },
  { id: 'h-xingfu-2-101', categories: ['disabled'], level: 'weekly', contact: ['钱建军', '13907001002'], notes: '轮椅出行，楼道台阶需要扶', visitors: [WU], visits: [[30, 'contact'], [23, 'contact'], [16, 'contact'], [11, 'contact']] },
  {
    id: 'h-xingfu-2-302', categories: ['seriousIllness', 'hardship'], level: 'weekly', contact: ['孙玉梅', '13907001003'], notes: '白天一人在家，儿子晚上回来',
    visitors: [LIU, WU], visits: [[20, 'contact'], [13, 'contact', WU], [6, 'contact', LIU, { needs: [{ category: 'facilities', text: '卫生间扶手松动，需要加固' }] }]],
  },
  { id: 'h-heping-1-301', categories: ['livingAlone'], level: 'weekly', contact: ['李德福', '13907001004'], notes: '喜欢聊天，上午在家', visitors: [WU], visits: [[15, 'contact'], [9, 'contact'], [2, 'noContact'], [1, 'contact', WU, { needs: [{ category: 'elderlyCare', text: '希望帮忙申请社区助餐服务' }] }]] },
  { id: 'h-heping-3-101', categories: ['livingAlone', 'disabled'], level: 'weekly', contact: ['周秀珍', '13907001005'], notes: '视力不好，电话要大声说', visitors: [ZHANG], visits: [[24, 'contact'], [17, 'contact'], [10, 'contact'], [3, 'contact', SECRETARY, { secretaryVisit: true, notes: '书记上门了解冬季取暖情况' }], [1, 'noContact']] },
  { id: 'h-heping-1-201', categories: ['livingAlone'], level: 'fortnightly', contact: ['吴金花', '13907001006'], notes: '周三上午去医院复查，其他时间在家', visitors: [CHEN], visits: [[40, 'contact'], [25, 'contact'], [17, 'noContact']] },
  // fortnightly and monthly
  { id: 'h-xingfu-1-202', categories: ['emptyNest'], level: 'fortnightly', contact: ['郑国强', '13907001007'], notes: '老两口同住，子女在省城', visitors: [ZHANG], visits: [[35, 'contact'], [21, 'contact'], [8, 'contact', ZHANG, { method: 'phone' }]] },
  { id: 'h-heping-1-102', categories: ['leftBehindChild'], level: 'fortnightly', contact: ['王小雨（奶奶 王秀兰）', '13907001008'], notes: '放学后在家，奶奶照看', visitors: [ZHANG], visits: [[30, 'contact'], [16, 'contact']] },
  { id: 'h-heping-2-201', categories: ['childInDistress'], level: 'fortnightly', contact: ['刘佳佳（姑姑 刘梅）', '13907001009'], notes: '由姑姑监护，学校老师也在关注', visitors: [CHEN], visits: [[26, 'contact'], [12, 'contact', CHEN, { method: 'video' }]] },
  { id: 'h-xingfu-3-201', categories: ['hardship'], level: 'monthly', contact: ['冯志刚', '13907001010'], notes: '低保户，在找工作', visitors: [CHEN], visits: [[50, 'contact'], [20, 'contact']] },
  { id: 'h-heping-2-102', categories: ['emptyNest'], level: 'monthly', contact: ['陈淑芬', '13907001011'], notes: '儿子每月回来一次', visitors: [LIU], visits: [[45, 'contact']] },
  { id: 'h-heping-3-302', categories: ['hardship'], level: 'monthly', contact: ['褚大勇', '13907001012'], notes: '打零工，白天常不在家', visitors: [WU], visits: [[40, 'contact'], [12, 'noContact'], [5, 'contact']] },
  { id: 'h-xingfu-2-202', categories: ['emptyNest'], level: 'monthly', contact: ['卫兰英', '13907001013'], notes: '', visitors: [LIU], visits: [[25, 'contact']] },
  { id: 'h-xingfu-3-102', categories: ['other'], level: 'monthly', contact: ['蒋春生', '13907001014'], notes: '新列入，待安排包户党员', visitors: [], visits: [] },
  // 西门社区
  { id: 'h-ximenhuayuan-1-101', categories: ['livingAlone'], level: 'weekly', contact: ['沈桂香', '13907002001'], notes: '', visitors: [CHEN], visits: [[14, 'contact'], [7, 'contact'], [2, 'contact']] },
  { id: 'h-ximenhuayuan-3-201', categories: ['disabled'], level: 'fortnightly', contact: ['韩志明', '13907002002'], notes: '听力不好，请发短信', visitors: [SUN], visits: [[33, 'contact'], [19, 'contact']] },
  { id: 'h-shuxiangyuan-2-102', categories: ['emptyNest'], level: 'monthly', contact: ['杨秀云', '13907002003'], notes: '', visitors: [CHEN], visits: [[12, 'contact']] },
  { id: 'h-shuxiangyuan-1-301', categories: ['hardship'], level: 'monthly', contact: ['朱明', '13907002004'], notes: '', visitors: [], visits: [] },
  // 南山社区
  { id: 'h-nanshanxincun-1-201', categories: ['livingAlone'], level: 'weekly', contact: ['秦爱华', '13907003001'], notes: '', visitors: [ZHAO], visits: [[9, 'contact']] },
  { id: 'h-jinxiujiayuan-2-101', categories: ['leftBehindChild'], level: 'monthly', contact: ['尤天天（爷爷 尤建国）', '13907003002'], notes: '', visitors: [ZHAO], visits: [[20, 'contact']] },
];

const staffOf = (id: string): Actor => (id.startsWith('h-ximen') || id.startsWith('h-shuxiang') ? STAFF_XIMEN : id.startsWith('h-nanshan') || id.startsWith('h-jinxiu') ? IMPORT_NANSHAN : STAFF);

/** Seeds the demo key households and their history; returns how many visits were recorded (0 when already seeded). */
export async function seedDemoVisits(local: LocalCloud, now = new Date()): Promise<number> {
  const run = <T>(main: () => Promise<T>) => local.invoke({ main }, {}, 'seed').then((r) => r.result as T);
  if ((await run(() => db.collection('keyHouseholds').count())).total > 0) return 0;

  const marked = new Date(now.getTime() - 60 * DAY);
  let visits = 0;
  const needs: string[] = [];
  for (const d of HOUSEHOLDS) {
    const staff = staffOf(d.id);
    const [contactName, contactPhone] = d.contact;
    await run(() => markKey(staff, { householdId: d.id, categories: d.categories, careLevel: d.level, contactName, contactPhone, notes: d.notes || undefined }, marked));
    for (const v of d.visitors) await run(() => pair(staff, { householdId: d.id, visitorOpenid: v }, new Date(marked.getTime() + 3600_000)));
    for (const [daysAgo, outcome, by, extra] of d.visits) {
      const at = new Date(now.getTime() - daysAgo * DAY);
      const visitor = actor(by ?? d.visitors[0]);
      const input: RecordVisitRequest = { householdId: d.id, method: 'door', outcome, ...(outcome === 'contact' ? { wellbeing: daysAgo > 20 ? 'fair' : 'good' } : {}), ...extra };
      const r = await run(() => recordVisit(visitor, input, at));
      needs.push(...r.visit.needs.map((n) => n.demandId));
      visits++;
    }
  }

  // The handrail found on 孙玉梅's visit is fixed by the community (小事不出小区) and verified now:
  // a return visit (回访) becomes due for 刘洋 and 吴强. The meal-service need stays in triage.
  // At the seed's `now`, as every other demo step is at its own moment (./as-of.ts).
  const act = dispatchAt(local);
  await act(STAFF.openid, 'handle', { id: needs[0], note: '物业维修工上门处理' }, now);
  await act(STAFF.openid, 'complete', { id: needs[0], notes: '扶手已重新固定，老人试用过' }, now);
  return visits;
}
