/**
 * 微心愿 in the benchmark: database requests of each wishes action against its budget, in the
 * order a wish lives through them (post → approve → claim → fulfil → confirm), with the lists and
 * the counters. Called once from scripts/bench.ts after the demo county (with its wishes) is seeded.
 */
import * as dispatchFn from '../cloudfunctions/dispatch/index';
import * as wishesFn from '../cloudfunctions/wishes/index';
import { dayOf } from '../cloudfunctions/core/calendar';
import type { LocalCloud } from '../local/runtime';
import { BUDGET, budgetHead, PNG, stepRunner, table, type Cell } from './bench-table';

const RESIDENT = 'demo-resident-wang';
const STAFF = 'demo-staff-dongjie';
const MEMBER = 'demo-member-zhang';
const LIAISON = 'demo-liaison-renshe';

export async function benchWishes(local: LocalCloud, failures: string[]): Promise<string> {
  const rows: Cell[][] = [];
  const run = stepRunner(local, wishesFn, 'wishes', failures, rows);
  const fields = { title: '一把雨伞', reason: '下雨天出门买菜', neededBy: dayOf(new Date(Date.now() + 5 * 86400_000)), address: '幸福小区1号楼 302' };
  const w = await run(wishesFn, RESIDENT, 'post', fields, BUDGET, 'the caller; the wish');
  await run(wishesFn, STAFF, 'list', { scope: 'review' });
  await run(wishesFn, STAFF, 'approve', { id: w._id }, { read: 3, write: 4 }, 'the caller; the wish with its paired units ($lookup); one transaction: the wish again; the wish, the message job');
  await run(wishesFn, MEMBER, 'list', { scope: 'wall', communityId: 'c-dongjie' });
  await run(wishesFn, MEMBER, 'detail', { id: w._id });
  await run(wishesFn, MEMBER, 'claim', { id: w._id }, BUDGET, 'one transaction: the wish; the wish, 认领 of the community and the unit, the message job');
  const photo = await run(dispatchFn, MEMBER, 'uploadPhoto', { contentType: 'image/png', base64: PNG });
  await run(wishesFn, MEMBER, 'fulfil', { id: w._id, note: '送到了', photos: [photo.fileID] }, BUDGET, 'one transaction: the wish; the wish, the message job');
  await run(wishesFn, MEMBER, 'list', { scope: 'claimed' });
  await run(wishesFn, RESIDENT, 'confirm', { id: w._id }, { read: 6, write: 11 }, 'credits the ledger: rules; one transaction reads the wish, the entry key, the account; writes the wish, 完成 ×2, entry, account, the message job, the pending tallies; then folds them');
  await run(wishesFn, RESIDENT, 'list', { scope: 'mine' });
  await run(wishesFn, RESIDENT, 'counts', { scope: 'community', id: 'c-dongjie' });
  const u = await run(wishesFn, RESIDENT, 'post', { ...fields, title: '一袋大米' });
  await run(wishesFn, STAFF, 'decline', { id: u._id, reason: '已由民政救助' }, BUDGET, 'one transaction: the wish; the wish');
  const v = await run(wishesFn, RESIDENT, 'post', { ...fields, title: '一壶食用油' });
  await run(wishesFn, STAFF, 'approve', { id: v._id }, { read: 3, write: 4 }, 'as the first approve');
  await run(wishesFn, LIAISON, 'claim', { id: v._id, memberOpenid: MEMBER }, { read: 3, write: 4 }, 'a liaison for the unit: also the assigned member’s record (name, phone, roles)');
  return (
    'Each wish step is ≤ 2 reads / ≤ 4 writes except three: `confirm`, which credits the claimant’s points through the ledger ' +
    '(like `dispatch.verify`), a liaison’s claim for the unit, which also reads the member it assigns, and `approve`, which ' +
    'reads the paired units with the wish ($lookup, a query no transaction may make) and the wish again in the transaction ' +
    'that writes it with its message job (#10: messages at least once). A community’s ' +
    'or unit’s first claim ever also creates its counter document (two more writes, once).\n\n' +
    table(budgetHead('what'), rows)
  );
}
