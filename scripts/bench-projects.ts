/**
 * 共建项目 in the benchmark: database requests of each projects action against its budget, in the
 * order a project lives through them (publish → claim → join → progress → complete → rate; list a
 * service → request → accept or decline), with the lists and the counts. Called once from
 * scripts/bench.ts after the demo county (with its projects) is seeded.
 */
import * as dispatchFn from '../cloudfunctions/dispatch/index';
import * as projectsFn from '../cloudfunctions/projects/index';
import { dayOf } from '../cloudfunctions/core/calendar';
import type { LocalCloud } from '../local/runtime';
import { BUDGET, budgetHead, PNG, stepRunner, table, type Cell } from './bench-table';

const STAFF = 'demo-staff-dongjie';
const MEMBER = 'demo-member-zhang';
const LIAISON = 'demo-liaison-renshe';

export async function benchProjects(local: LocalCloud, failures: string[]): Promise<string> {
  const rows: Cell[][] = [];
  const run = stepRunner(local, projectsFn, 'projects', failures, rows);
  const period = { from: dayOf(new Date()), to: dayOf(new Date(Date.now() + 30 * 86400_000)) };
  const p = await run(projectsFn, STAFF, 'publishNeed', { communityId: 'c-dongjie', title: '电动车充电安全宣传', description: '楼道充电隐患多', helpWanted: '两场宣讲', period }, BUDGET, 'the caller; the community with its paired units ($lookup); the project');
  await run(projectsFn, LIAISON, 'list', { scope: 'claimable' });
  await run(projectsFn, LIAISON, 'detail', { id: p._id });
  await run(projectsFn, LIAISON, 'claim', { id: p._id }, BUDGET, 'one transaction: the project; the project, the pairing’s 认领, the message job');
  await run(projectsFn, MEMBER, 'join', { id: p._id }, BUDGET, 'one transaction: the project; the project');
  const photo = await run(dispatchFn, MEMBER, 'uploadPhoto', { contentType: 'image/png', base64: PNG });
  await run(projectsFn, MEMBER, 'progress', { id: p._id, text: '第一场宣讲 40 人参加', photos: [photo.fileID] }, BUDGET, 'one transaction: the project; the project');
  await run(projectsFn, LIAISON, 'complete', { id: p._id, note: '两场宣讲完成' }, BUDGET, 'one transaction: the project; the project, 完成, the message job');
  await run(projectsFn, STAFF, 'rate', { id: p._id, value: 'satisfied', comment: '居民安全意识提高' }, BUDGET, 'one transaction: the project; the project, 评实效, the message job');
  await run(projectsFn, MEMBER, 'list', { scope: 'mine' });
  await run(projectsFn, STAFF, 'list', { scope: 'community', communityId: 'c-dongjie' });
  await run(projectsFn, LIAISON, 'list', { scope: 'unit', unitId: 'unit-renshe' });
  await run(projectsFn, STAFF, 'list', { scope: 'plan', unitId: 'unit-renshe', communityId: 'c-dongjie', year: p.year });
  await run(projectsFn, STAFF, 'counts', { scope: 'community', id: 'c-dongjie', year: p.year }, BUDGET, 'the pairings’ counter documents (a few)');
  await run(projectsFn, LIAISON, 'counts', { scope: 'unit', id: 'unit-renshe', year: p.year });
  const s = await run(projectsFn, LIAISON, 'publishService', { unitId: 'unit-renshe', kind: 'service', title: '社保政策讲解', description: '到社区讲解养老保险' }, BUDGET, 'the caller; the unit (its name); the service');
  await run(projectsFn, STAFF, 'services', { communityId: 'c-dongjie' }, BUDGET, 'the community’s pairings with their units’ offers ($lookup)');
  await run(projectsFn, LIAISON, 'services', { unitId: 'unit-renshe' });
  const r = await run(projectsFn, STAFF, 'request', { serviceId: s._id, communityId: 'c-dongjie', helpWanted: '12 月讲一次', period }, BUDGET, 'the caller; the service with its pairings ($lookup); one transaction: the project, the message job');
  await run(projectsFn, LIAISON, 'accept', { id: r._id }, BUDGET, 'one transaction: the project; the project, 认领, the message job');
  const d = await run(projectsFn, STAFF, 'request', { serviceId: s._id, communityId: 'c-dongjie', helpWanted: '1 月再讲一次', period });
  await run(projectsFn, LIAISON, 'decline', { id: d._id, reason: '1 月人员不足' }, BUDGET, 'one transaction: the project; the project');
  await run(projectsFn, LIAISON, 'withdrawService', { id: s._id }, BUDGET, 'the caller; the service; a conditional write');
  const w = await run(projectsFn, STAFF, 'publishNeed', { communityId: 'c-dongjie', title: '楼道杂物清理', description: '消防通道', helpWanted: '一个周末', period });
  await run(projectsFn, STAFF, 'withdraw', { id: w._id, reason: '已由物业清理' }, BUDGET, 'one transaction: the project; the project');
  return (
    'Every projects action is ≤ 2 reads / ≤ 4 writes. A pairing’s first count in a year also creates its counter document ' +
    '(one more write, once a year). Every step is one transaction with its message job (#10). A lost transaction race reads again (counted on the retry only).\n\n' +
    table(budgetHead('what'), rows)
  );
}
