/**
 * The work queues end to end (#14): each demo role opens the 派单 tab and sees its queues with
 * counts; every count shown equals the total of that queue's list as the API pages it.
 */
import { startApp, type App, WAIT } from './browser';
import { shown, steps } from './steps';

let app: App;
const { as, post } = steps('queues', () => app);

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

type Req = Record<string, unknown>;

async function total(openid: string, req: Req): Promise<number> {
  let n = 0;
  for (let page = 1; ; page++) {
    const res = await post<{ items: unknown[]; hasMore: boolean }>('dispatch', { action: 'list', ...req, page, pageSize: 50 }, openid);
    n += res.items.length;
    if (!res.hasMore) return n;
  }
}

const ROLES: [openid: string, queues: [title: string, req: Req][]][] = [
  ['demo-staff-dongjie', [
    ['待受理', { scope: 'triage' }],
    ['待派单/办理中', { scope: 'community', queue: 'working' }],
    ['待验收', { scope: 'community', queue: 'verify' }],
    ['超期', { scope: 'community', overdue: true }],
    ['回访', { scope: 'community', queue: 'returnVisit' }],
  ]],
  ['demo-liaison-renshe', [
    ['待接单', { scope: 'unit', queue: 'toAccept' }],
    ['待指派', { scope: 'unit', queue: 'toAssign' }],
    ['办理中', { scope: 'unit', queue: 'inProgress' }],
    ['超期', { scope: 'unit', overdue: true }],
  ]],
  ['demo-member-zhang', [
    ['可认领', { scope: 'claimable' }],
    ['我的任务', { scope: 'myTasks' }],
  ]],
  ['demo-town-chengguan', [
    ['超期', { scope: 'supervision', overdue: true }],
    ['已吹哨', { scope: 'supervision', flag: 'escalated' }],
    ['督办', { scope: 'supervision', flag: 'supervised' }],
  ]],
];

test.each(ROLES)('%s: every queue count shown equals its list total', async (openid, queues) => {
  const want = await Promise.all(queues.map(([, req]) => total(openid, req)));
  await as(openid, '/pages/dispatch/index', async (page) => {
    const tab = shown(page);
    for (const [i, [title]] of queues.entries()) {
      // The first queue is open (its name says 已选), the others are one tap away.
      await tab.getByRole('radio', { name: new RegExp(`^${title} ${want[i]}(，已选)?$`) }).first().waitFor({ timeout: WAIT });
    }
  });
});
