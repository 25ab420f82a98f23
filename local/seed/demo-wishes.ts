/**
 * Demo 微心愿 (the wall), made the way people make them: through the wishes function as each demo
 * person — in 东街社区 one waiting for 审核, two on the wall (one posted by staff for an elderly
 * resident without the app), one claimed, one delivered and waiting for 确认, one confirmed (its
 * points in the ledger), one declined; in 西门社区 one on the wall. Seeded once, on an empty
 * `wishes` collection.
 */
import { dayOf } from '../../cloudfunctions/core/calendar';
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import { db } from '../../cloudfunctions/lib/cloud';
import * as wishesFn from '../../cloudfunctions/wishes/index';
import type { FunctionModule, LocalCloud } from '../runtime';

const WANG = 'demo-resident-wang';
const LI = 'demo-resident-li';
const STAFF = 'demo-staff-dongjie';
const STAFF_XIMEN = 'demo-staff-ximen';
const GRID = 'demo-grid-dongjie';
const ZHANG = 'demo-member-zhang';
const LIU = 'demo-member-liu';
const LIAISON_WJ = 'demo-liaison-weijian';
/** A 1×1 PNG: the delivery photos of the demo. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export async function seedDemoWishes(local: LocalCloud): Promise<number> {
  const existing = await local.invoke({ main: () => db.collection('wishes').count() }, {}, 'seed');
  if ((existing.result as { total: number }).total > 0) return 0;

  const call = async <T = { _id: string }>(fn: FunctionModule, openid: string, action: string, payload: Record<string, unknown>): Promise<T> => {
    const { result } = await local.invoke(fn, { action, ...payload }, openid);
    const env = result as { ok: boolean; data?: T; error?: { message: string } };
    if (!env.ok) throw new Error(`seed: ${action} as ${openid}: ${env.error?.message}`);
    return env.data!;
  };
  const inDays = (n: number) => dayOf(new Date(Date.now() + n * 24 * 3600_000));
  let n = 0;
  const post = (openid: string, title: string, reason: string, days: number, address: string, forSomeone: Record<string, string> = {}) => {
    n++;
    return call(wishesFn, openid, 'post', { title, reason, neededBy: inDays(days), address, ...forSomeone }).then((w) => w._id);
  };
  const wish = (step: string, openid: string, id: string, extra: Record<string, unknown> = {}) => call(wishesFn, openid, step, { id, ...extra });
  const photo = async (openid: string) => (await call<{ fileID: string }>(dispatchFn, openid, 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  const deliver = async (id: string, openid: string, note: string) => wish('fulfil', openid, id, { note, photos: [await photo(openid)] });

  await post(WANG, '想要一个带放大镜的指甲刀', '眼睛花了，自己剪指甲看不清', 12, '幸福小区1号楼 302');

  const wall = await post(WANG, '一副老花镜（300 度）', '原来的眼镜摔坏了，看不清药盒上的字', 10, '幸福小区1号楼 302');
  await wish('approve', STAFF, wall);
  const forElder = await post(STAFF, '一双冬天穿的棉鞋（40 码）', '独居老人，脚冷，行动不便不能自己去买', 8, '和平小区2号楼 101', { communityId: 'c-dongjie', wisherName: '陈桂兰', wisherPhone: '13900001234' });
  await wish('approve', GRID, forElder);

  const claimed = await post(WANG, '陪同去县医院复查', '子女在外地，一个人不会在自助机上挂号', 6, '幸福小区1号楼 302');
  await wish('approve', STAFF, claimed);
  await wish('claim', ZHANG, claimed);

  const delivered = await post(STAFF, '一台能听戏的收音机', '老人喜欢听闽剧，家里的收音机坏了', 9, '幸福小区2号楼 201', { communityId: 'c-dongjie', wisherName: '林阿婆', wisherPhone: '13900002345' });
  await wish('approve', STAFF, delivered);
  await wish('claim', LIAISON_WJ, delivered, { memberOpenid: LIU });
  await deliver(delivered, LIU, '已买好收音机送到家，教会了老人调台');

  const confirmed = await post(WANG, '帮忙换一个厨房的灯泡', '灯泡在高处，自己够不着', 3, '幸福小区1号楼 302');
  await wish('approve', STAFF, confirmed);
  await wish('claim', LIU, confirmed);
  await deliver(confirmed, LIU, '换好了节能灯泡，顺便检查了插座');
  await wish('confirm', WANG, confirmed);

  const declined = await post(WANG, '想要一台新电视', '家里电视旧了', 20, '幸福小区1号楼 302');
  await wish('decline', STAFF, declined, { reason: '价值较高，不属于微心愿；可向社区申请临时救助' });

  const ximen = await post(LI, '辅导孙子的初中数学', '孩子父母在外务工，周末想有人辅导作业', 14, '西门花园2号楼 502');
  await wish('approve', STAFF_XIMEN, ximen);
  return n;
}
