/**
 * 设岗定责 end to end through the H5 app, each step as its demo person in a fresh browser context:
 * 周芳 sets up a post in 东街社区 → 张伟 (a member living in 东街) claims it on 岗位与责任区 after the
 * confirmation → he logs 3 hours in 我的岗位 → 周芳 verifies it in 服务记录验收 → the 3 hours count
 * toward his yearly target (年度任务), once, and the ledger reconciles. Then the county (林海) raises
 * the 协助解决难题 target on 管理 → 年度任务 after the confirmation, 周芳 records a 难题 张伟 helped solve
 * on 登记协助解决难题, and 张伟's 年度任务 shows the new target and the 难题 done.
 */
import type { Locator } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const ZHANG = 'demo-member-zhang'; // 张伟, 县人社局, lives in 东街
const ADMIN = 'demo-admin';
const MARKER = `E2E-${Date.now().toString(36)}`;
const NAME = `文明劝导岗 ${MARKER}`;

type Duties = { items: { field: string; done: number; target: number }[] };
type Rules = { serviceHours: number; checkIns: number; surveys: number; problems: number };
const hoursOf = (d: Duties) => d.items.find((i) => i.field === 'serviceHours')!;
const problemsOf = (d: Duties) => d.items.find((i) => i.field === 'problems')!;

let app: App;
const { as, post } = steps('posts', () => app);
let hoursBefore = 0;
let rulesBefore: Rules | null = null;

beforeAll(async () => {
  app = await startApp();
  await post('posts', { action: 'createPost', communityId: 'c-dongjie', kind: 'post', name: NAME, duties: '劝导乱停车、乱扔垃圾', hoursPerYear: 20 }, STAFF);
  hoursBefore = hoursOf(await post<Duties>('posts', { action: 'myDuties' }, ZHANG)).done;
});

afterAll(async () => {
  // The county's rules are shared by every test: put them back.
  if (rulesBefore && app) await post('posts', { action: 'setDutyRules', ...rulesBefore }, ADMIN).catch(() => undefined);
  await app?.close();
});

const button = (scope: Locator, label: string) => scope.locator('.at-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
const card = (scope: Locator, text: string) => scope.locator('.jl-card', { hasText: text });
const status = (c: Locator, word: string) => c.locator('.jl-tag--strong', { hasText: new RegExp(`^${word}$`) }).waitFor();

describe('a member claims a post, logs 3 hours, staff verify, the hours count toward the yearly target', () => {
  test('1. 张伟 claims the post on 岗位与责任区, after the confirmation', async () => {
    await as(ZHANG, '/packages/posts/list/index', async (page) => {
      const c = card(shown(page), NAME);
      await c.getByText('每人每年 20 小时').waitFor();
      await button(c, '我来认岗').click();
      await confirm(page, '认领岗位', '认领');
      await page.getByText('认领成功').waitFor();
      await c.getByText('我已认领').waitFor();
    });
  });

  test('2. 张伟 logs 3 hours in 我的岗位; it waits for 验收', async () => {
    await as(ZHANG, '/packages/posts/mine/index', async (page) => {
      const form = shown(page);
      await form.getByText(`岗位：${NAME}`).waitFor();
      const more = form.getByRole('button', { name: '增加服务时长', exact: true });
      for (let i = 0; i < 4; i++) await more.click();
      await form.getByText('3 小时', { exact: false }).first().waitFor();
      await form.locator('textarea').fill(`劝导乱停车 12 辆 ${MARKER}`);
      await form.locator('.jl-submit').click();
      await confirm(page, '登记服务', '登记');
      await status(card(shown(page), `劝导乱停车 12 辆 ${MARKER}`), '待验收');
    });
  });

  test('3. 周芳 verifies it in 服务记录验收', async () => {
    await as(STAFF, '/packages/posts/review/index', async (page) => {
      const c = card(shown(page), MARKER);
      await c.getByText(`${NAME} · 3 小时`).waitFor();
      await button(c, '验收通过').click();
      await confirm(page, '验收通过', '通过');
      // Verified: it leaves the queue.
      await c.waitFor({ state: 'detached' });
    });
  });

  test('4. the 3 hours count toward 张伟’s yearly target, once', async () => {
    await as(ZHANG, '/packages/posts/duties/index', async (page) => {
      await shown(page).getByText(`服务时长（小时）：${hoursBefore + 3} / 20 小时`, { exact: false }).waitFor();
    });
    const logs = await post<{ items: { _id: string; note: string }[] }>('posts', { action: 'listLogs', scope: 'mine' }, ZHANG);
    const log = logs.items.find((l) => l.note.includes(MARKER))!;
    await post('posts', { action: 'verifyLog', id: log._id }, STAFF);
    expect(hoursOf(await post<Duties>('posts', { action: 'myDuties' }, ZHANG)).done).toBe(hoursBefore + 3);
    const ledger = await post<{ items: { _id: string; hours: number }[] }>('points', { action: 'ledger' }, ZHANG);
    expect(ledger.items.filter((e) => e._id === `post_${log._id}`).map((e) => e.hours)).toEqual([3]);
    expect((await post<{ differences: unknown[] }>('points', { action: 'reconcile' }, ADMIN)).differences).toEqual([]);
  });
});

describe('the county sets a yearly duty; staff record a 难题; the member sees both', () => {
  let problemsDone = 0;
  let target = 0;
  const field = (label: string) => `[aria-label="${label}"] input, input[aria-label="${label}"]`;
  /** The rule shown in force: its row's value, exactly. */
  const inForce = (scope: Locator, n: number) => scope.locator('.jl-kv', { hasText: '协助解决难题' }).locator('.jl-kv__value', { hasText: new RegExp(`^\\s*${n} 件\\s*$`) }).waitFor();

  test('5. 林海 raises 协助解决难题 on 管理 → 年度任务, after the confirmation', async () => {
    rulesBefore = await post<Rules>('posts', { action: 'dutyRules' }, ADMIN);
    problemsDone = problemsOf(await post<Duties>('posts', { action: 'myDuties' }, ZHANG)).done;
    target = Math.min(100, rulesBefore.problems + 1);
    await as(ADMIN, '/packages/admin/index/index', async (page) => {
      await shown(page).locator('.jl-link-row', { hasText: '年度任务' }).click();
      const form = shown(page);
      await inForce(form, rulesBefore!.problems);
      await form.locator(field('协助解决难题（件）')).fill('101');
      await form.getByText('协助解决难题应为 0 到 100 的整数').waitFor();
      await form.locator(field('协助解决难题（件）')).fill(String(target));
      await button(form, '保存 1 项修改').click();
      await confirm(page, '修改年度任务', '确认修改');
      await inForce(form, target);
    });
    expect((await post<Rules>('posts', { action: 'dutyRules' }, ADMIN)).problems).toBe(target);
  });

  test('6. 周芳 records a 难题 张伟 helped solve, after the confirmation', async () => {
    await as(STAFF, '/packages/posts/problem/index', async (page) => {
      const form = shown(page);
      await form.locator('.jl-input input').fill('张伟');
      await button(form, '查找').click();
      await button(card(form, '张伟'), '选择').click();
      await form.getByText('为 张伟 登记难题').waitFor();
      await form.locator('textarea').fill(`协调物业修好漏水的水管 ${MARKER}`);
      await button(form, '登记难题').click();
      await confirm(page, '登记难题', '登记');
      await form.getByText('张伟 协助解决难题 1 件', { exact: false }).waitFor();
    });
  });

  test('7. 张伟’s 年度任务 shows the new target and the 难题 done', async () => {
    await as(ZHANG, '/packages/posts/duties/index', async (page) => {
      await shown(page).getByText(`协助解决难题：${problemsDone + 1} / ${target} 件`, { exact: false }).waitFor();
    });
  });
});

describe('双向认领: a member of a paired unit who lives elsewhere claims the community’s post', () => {
  const CHEN = 'demo-member-chen'; // 陈静, 县人社局 (paired with 东街), lives in 西门
  const PAIRED = `楼道宣传岗 ${MARKER}`;

  test('陈静 chooses 东街社区 · 结对 on 岗位与责任区 and claims the post there', async () => {
    await post('posts', { action: 'createPost', communityId: 'c-dongjie', kind: 'post', name: PAIRED, duties: '在楼道张贴政策宣传', hoursPerYear: 8 }, STAFF);
    await as(CHEN, '/packages/posts/list/index', async (page) => {
      const screen = shown(page);
      await screen.getByText('西门社区的岗位与责任区').waitFor();
      await screen.getByRole('radio', { name: '东街社区 · 结对', exact: true }).click();
      await screen.getByText('东街社区的岗位与责任区').waitFor();
      const c = card(screen, PAIRED);
      await button(c, '我来认岗').click();
      await confirm(page, '认领岗位', '认领');
      await c.getByText('我已认领').waitFor();
    });
    const mine = await post<{ items: { postName: string; communityId: string }[] }>('posts', { action: 'myPosts' }, CHEN);
    expect(mine.items.find((c) => c.postName === PAIRED)).toMatchObject({ communityId: 'c-dongjie' });
  });

  test('周芳 停用 the post after the confirmation: it leaves the list, 陈静 keeps her claim', async () => {
    await as(STAFF, '/packages/posts/list/index', async (page) => {
      const c = card(shown(page), PAIRED);
      await button(c, '停用').click();
      await confirm(page, '停用岗位', '停用');
      await c.waitFor({ state: 'detached' });
    });
    const listed = await post<{ items: { name: string }[] }>('posts', { action: 'listPosts', communityId: 'c-dongjie', pageSize: 50 }, STAFF);
    expect(listed.items.map((p) => p.name)).not.toContain(PAIRED);
    const mine = await post<{ items: { postName: string }[] }>('posts', { action: 'myPosts' }, CHEN);
    expect(mine.items.map((c) => c.postName)).toContain(PAIRED);
  });
});
