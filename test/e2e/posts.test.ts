/**
 * 设岗定责 end to end through the H5 app, each step as its demo person in a fresh browser context:
 * 周芳 sets up a post in 东街社区 → 张伟 (a member living in 东街) claims it on 岗位与责任区 after the
 * confirmation → he logs 3 hours in 我的岗位 → 周芳 verifies it in 服务记录验收 → the 3 hours count
 * toward his yearly target (年度任务), once, and the ledger reconciles.
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
const hoursOf = (d: Duties) => d.items.find((i) => i.field === 'serviceHours')!;

let app: App;
const { as, post } = steps('posts', () => app);
let hoursBefore = 0;

beforeAll(async () => {
  app = await startApp();
  await post('posts', { action: 'createPost', communityId: 'c-dongjie', kind: 'post', name: NAME, duties: '劝导乱停车、乱扔垃圾', hoursPerYear: 20 }, STAFF);
  hoursBefore = hoursOf(await post<Duties>('posts', { action: 'myDuties' }, ZHANG)).done;
});

afterAll(async () => {
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
