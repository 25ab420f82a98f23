/**
 * 设岗定责, 承诺践诺评诺 and 年度任务 in the benchmark: database requests of each posts action against
 * its budget, in the order they are used (设岗 → 认岗 → 登记 → 验收; 承诺 → 践诺 → 评诺 → 群众评;
 * the duties). Called once from scripts/bench.ts after the demo county is seeded.
 */
import * as dispatchFn from '../cloudfunctions/dispatch/index';
import * as postsFn from '../cloudfunctions/posts/index';
import { dayOf } from '../cloudfunctions/core/calendar';
import type { LocalCloud } from '../local/runtime';
import { BUDGET, budgetHead, PNG, stepRunner, table, type Cell } from './bench-table';

const STAFF = 'demo-staff-dongjie';
const SECRETARY = 'demo-secretary-dongjie';
const MEMBER = 'demo-member-zhang';
const RESIDENT = 'demo-resident-wang';
const LIAISON = 'demo-liaison-renshe';
const ADMIN = 'demo-admin';

export async function benchPosts(local: LocalCloud, failures: string[]): Promise<string> {
  const rows: Cell[][] = [];
  const run = stepRunner(local, postsFn, 'posts', failures, rows);
  const post = await run(postsFn, STAFF, 'createPost', { communityId: 'c-dongjie', kind: 'post', name: '文明劝导岗', duties: '劝导乱停车、乱扔垃圾', hoursPerYear: 20 }, BUDGET, 'the caller; the post');
  await run(postsFn, MEMBER, 'listPosts', {}, { read: 3, write: 0 }, 'the caller; one page; the caller’s claims of the page (one `_id in`)');
  await run(postsFn, MEMBER, 'claimPost', { id: post._id }, { read: 4, write: 2 }, 'the caller; the post; one transaction: the post, the claim; writes the claim and holders');
  const log = await run(postsFn, MEMBER, 'logWork', { postId: post._id, workedOn: dayOf(new Date()), hours: 3, note: '劝导乱停车 12 辆' }, BUDGET, 'the caller; the claim; the log');
  await run(postsFn, STAFF, 'listLogs', { scope: 'review' });
  await run(postsFn, STAFF, 'verifyLog', { id: log._id }, { read: 6, write: 14 }, 'credits the ledger (as wishes.confirm): the caller, the rules; one transaction reads the log, the entry key, the account; writes the log, the entry, the account, the claim’s hours and the pending tallies; and the member’s message job; then the tallies folded after the commit');
  await run(postsFn, STAFF, 'verifyLog', { id: log._id }, { read: 3, write: 0 }, 'again: a repeat — the caller, the rules, the log in the transaction; nothing written');
  await run(postsFn, MEMBER, 'myPosts', {});
  const photo = await run(dispatchFn, MEMBER, 'uploadPhoto', { contentType: 'image/png', base64: PNG });
  const pledge = await run(postsFn, MEMBER, 'pledge', { text: '每月参加一次楼道清扫' }, { read: 2, write: 1 }, 'the caller; this year’s count (≤ 10 a year); the pledge');
  await run(postsFn, MEMBER, 'fulfilPledge', { id: pledge._id, note: '清扫了 3 个楼道', photos: [photo.fileID] }, { read: 3, write: 1 }, 'the caller; one transaction: the pledge; writes it');
  await run(postsFn, SECRETARY, 'ratePledge', { id: pledge._id, grade: 'good' }, { read: 3, write: 2 }, 'the caller; one transaction: the pledge; writes it and the member’s message job');
  await run(postsFn, RESIDENT, 'listPledges', { scope: 'community' }, { read: 3, write: 0 }, 'the caller; one page; the caller’s verdicts on it (one `_id in`)');
  await run(postsFn, RESIDENT, 'residentRatePledge', { id: pledge._id, verdict: 'satisfied' }, { read: 3, write: 3 }, 'the caller; one transaction: the pledge, the caller’s verdict; writes both and the member’s message job');
  await run(postsFn, MEMBER, 'recordSurvey', { note: '调研停车难' }, { read: 3, write: 3 }, 'the caller; one transaction: the record, the counts; writes both (the counts made on the year’s first record: an update that finds none, then a set)');
  await run(postsFn, STAFF, 'recordProblem', { openid: MEMBER, note: '协调解决漏水' }, { read: 4, write: 3 }, 'the caller; the member; one transaction: the record, the counts; the counts made on the first record of the year');
  await run(postsFn, MEMBER, 'myDuties', {}, { read: 5, write: 0 }, 'the caller; the duties and the point rules (the hour target), the account, the counts (one document each, in parallel)');
  await run(postsFn, LIAISON, 'unitDuties', { unitId: 'unit-renshe' }, { read: 6, write: 0 }, 'the caller; one page of the unit’s members; the duties and the point rules; their accounts and counts (one `_id in` each)');
  await run(postsFn, ADMIN, 'setDutyRules', { surveys: 4 }, { read: 3, write: 1 }, 'the caller; the duties and the point rules; writes the duties (the hour target goes to the point rules, audited)');
  return (
    'Each posts step that changes one document is ≤ 2 reads / ≤ 4 writes. Those that read a transaction’s document ' +
    'again inside it (claim, pledge steps, records) count that read once more; `verifyLog` credits the ledger like ' +
    '`wishes.confirm`; a year’s first 调研 or 难题 makes the member’s counts document; the duty pages read one document per figure (rules, account, counts) so that progress is kept ' +
    'counts, never the records.\n\n' +
    table(budgetHead('what'), rows)
  );
}
