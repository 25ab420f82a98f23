/**
 * The county's dashboard end to end through the H5 app (#11): 林海 (县委组织部) opens 统计看板 from
 * 管理, takes the year, sorts the units by 响应率 (lowest first, as the server ranks them), drills
 * into 县卫健局's 超期未解决 — the demo's overdue item (李爷爷's 上门测血压) is there — opens it and
 * urges it (催办); the timeline names him.
 */
import type { Locator, Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';
import type { CoverageDashboard, Dashboard, MemberDashboard } from '../../types/stats';

const ADMIN = 'demo-admin'; // 林海, 县委组织部
const TEXT = '行动不便的李爷爷需要上门测血压、血糖。';

let app: App;
const { as, post } = steps('reports', () => app);
let year = '';
let ranked: Dashboard | null = null;

beforeAll(async () => {
  app = await startApp();
  const overdue = await post<{ items: { _id: string; text: string }[] }>('dispatch', { action: 'list', scope: 'supervision', overdue: true }, ADMIN);
  const id = overdue.items.find((d) => d.text === TEXT)?._id ?? '';
  const detail = await post<{ dispatch: { month: string } }>('dispatch', { action: 'detail', id }, ADMIN);
  year = detail.dispatch.month.slice(0, 4);
  ranked = await post<Dashboard>('stats', { action: 'dashboard', scope: 'county', period: year, sortBy: 'responseRate' }, ADMIN);
});

afterAll(async () => {
  await app?.close();
});

const section = (page: Page, title: string): Locator => shown(page).locator('.jl-section', { has: page.locator('.jl-section__title', { hasText: title }) });
const unitNames = async (page: Page) => section(page, '单位三率排名').locator('.jl-rank-row__name').allTextContents();

test('林海 sorts the units by 响应率, drills into 县卫健局’s overdue items, opens one and urges it', async () => {
  expect(ranked).not.toBeNull();
  const weijian = ranked!.units.find((u) => u.id === 'unit-weijian')!;
  expect(weijian.openOverdue).toBeGreaterThan(0);
  await as(ADMIN, '/packages/admin/index/index', async (page) => {
    await shown(page).getByRole('link', { name: /^统计看板/ }).click();
    await page.waitForURL(/\/packages\/stats\/dashboard\/index/);
    const board = shown(page);
    await board.getByRole('radio', { name: '按年', exact: true }).click();
    while (!(await board.locator('.jl-month__text').textContent())?.includes(`${year}年`)) {
      await board.locator('.at-button', { hasText: '上一年' }).click();
    }
    await section(page, '单位三率排名').waitFor();
    // Another order first, then 响应率: the page shows the server's ranking, lowest first.
    await board.getByRole('radio', { name: '按满意率', exact: true }).click();
    await board.getByRole('radio', { name: '按满意率，已选', exact: true }).waitFor();
    await section(page, '单位三率排名').waitFor();
    await board.getByRole('radio', { name: '按响应率', exact: true }).click();
    await board.getByRole('radio', { name: '按响应率，已选', exact: true }).waitFor();
    await section(page, '单位三率排名').waitFor();
    await expect(unitNames(page)).resolves.toEqual(ranked!.units.map((u) => u.name));
    const rates = ranked!.units.map((u) => u.responseRate).filter((r): r is number => r !== null);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    // Each rate with its numerator and denominator, below-target ones marked in words.
    const row = section(page, '单位三率排名').locator('.jl-rank-row', { hasText: '县卫健局' });
    await row.locator('.jl-rate-line', { hasText: '响应率' }).getByText(`派单 ${weijian.dispatched}`).waitFor();
    if (weijian.below.length) await row.getByText('未达标').first().waitFor();

    await row.getByRole('link', { name: `县卫健局 超期未解决 ${weijian.openOverdue} 件，查看明细` }).click();
    await page.waitForURL(/\/packages\/stats\/items\/index/);
    const list = shown(page);
    await list.getByText(`共 ${weijian.openOverdue} 件`).waitFor();
    await expect(list.locator('.jl-drill-item').count()).resolves.toBe(weijian.openOverdue);
    await list.locator('.jl-drill-item', { hasText: TEXT }).click();

    await page.waitForURL(/\/packages\/dispatch\/detail\/index/);
    const detail = shown(page).locator('.jl-detail');
    await detail.locator('.jl-tags').first().locator('.jl-tag', { hasText: /^超期$/ }).first().waitFor();
    await detail.locator('.jl-actions__buttons .jl-action').filter({ hasText: /^\s*催办\s*$/ }).click();
    const panel = detail.locator('.jl-panel');
    await panel.locator('textarea').fill('月报前请办结');
    await panel.locator('.jl-button', { hasText: '确认催办' }).click();
    await confirm(page, '催办', '催办');
    await detail.locator('.jl-timeline__item .jl-timeline__what', { hasText: '林海 催办' }).waitFor();
  });
});

const rate = (r: number | null) => (r === null ? '暂无' : `${Math.round(r * 1000) / 10}%`);
const chinaMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

test('林海’s dashboard shows the 党员 and 敲门 figures the API counts, and 未达标 opens exactly those members', async () => {
  const month = chinaMonth();
  const m = await post<MemberDashboard>('stats', { action: 'members', scope: 'county', period: month }, ADMIN);
  const c = await post<CoverageDashboard>('stats', { action: 'coverage', scope: 'county', month }, ADMIN);
  const t = m.hoursTotal;
  await as(ADMIN, '/packages/stats/dashboard/index', async (page) => {
    const hours = section(page, '党员服务时长');
    await hours.getByText(`党员 ${t.members} 人，达标 ${t.atTarget} 人（${rate(t.rate)}），未达标 ${t.behind} 人，共 ${t.hours} 小时`).waitFor();
    await expect(hours.locator('.jl-section__title').textContent()).resolves.toContain(`目标 ${m.hourTarget} 小时`);
    const ci = m.checkInTotal;
    await section(page, '双报到').getByText(`党员 ${ci.members} 人，已报到 ${ci.reported} 人，报到率 ${rate(ci.rate)}`).waitFor();
    const dj = m.points.find((p) => p.id === 'c-dongjie')!;
    const djRow = section(page, '志愿积分').locator('.jl-people-row', { hasText: '东街社区' });
    await djRow.locator('.jl-rate-line__parts').first().getByText(`获得 ${dj.earnedMonth} 分`).waitFor();
    await djRow.locator('.jl-rate-line__parts').first().getByText(`兑换 ${dj.redeemedMonth} 分`).waitFor();
    const ct = c.total;
    await section(page, '敲门走访覆盖').getByText(`重点户 ${ct.keyHouseholds} 户，按时走访 ${ct.covered} 户，覆盖率 ${rate(ct.rate)}，超期未走访 ${ct.overdue} 户`).waitFor();
    expect(t.behind).toBeGreaterThan(0);
    await hours.locator('.jl-people-total').getByRole('link', { name: new RegExp(`时长未达标 ${t.behind} 人`) }).click();
    await page.waitForURL(/\/packages\/stats\/members\/index/);
    const list = shown(page);
    await list.getByText(`共 ${t.behind} 人`).waitFor();
    await expect(list.locator('.jl-drill-item').count()).resolves.toBe(t.behind);
  });
});

test('林海 opens the people behind 东街’s points this year: the list adds up to the figure', async () => {
  const month = chinaMonth();
  const m = await post<MemberDashboard>('stats', { action: 'members', scope: 'county', period: month }, ADMIN);
  const dj = m.points.find((p) => p.id === 'c-dongjie')!;
  expect(dj.earnedYear).toBeGreaterThan(0);
  const all = await post<{ total: number; sum: number }>('stats', { action: 'pointItems', scope: 'community', id: 'c-dongjie', period: m.year, figure: 'earned', pageSize: 50 }, ADMIN);
  expect(all.sum).toBe(dj.earnedYear);
  await as(ADMIN, '/packages/stats/dashboard/index', async (page) => {
    await section(page, '志愿积分').getByRole('link', { name: `东街社区 ${m.year}年获得 ${dj.earnedYear} 分，查看名单` }).click();
    await page.waitForURL(/\/packages\/stats\/points\/index/);
    const list = shown(page);
    await list.getByText(`合计 ${dj.earnedYear} 分，${all.total} 人`).waitFor();
    await list.getByText('含党员，也含参加志愿服务的居民').waitFor();
    if (all.total <= 20) {
      await list.getByText(`共 ${all.total} 人`).waitFor();
      const shares = (await list.locator('.jl-drill-item .jl-field__hint').allTextContents()).map((t) => Number(/(-?\d+) 分/.exec(t)![1]));
      expect(shares.reduce((s, n) => s + n, 0)).toBe(dj.earnedYear);
    }
  });
});

test('周芳 sees 东街’s overdue key households with their addresses; the figure and the list agree', async () => {
  const STAFF = 'demo-staff-dongjie';
  const c = await post<CoverageDashboard>('stats', { action: 'coverage', scope: 'community', id: 'c-dongjie', month: chinaMonth() }, STAFF);
  const row = c.communities[0];
  expect(row.overdue).toBeGreaterThan(0);
  await as(STAFF, '/packages/stats/dashboard/index', async (page) => {
    const cov = section(page, '敲门走访覆盖');
    await cov.getByText(`按时走访 ${row.covered} / 重点户 ${row.keyHouseholds} 户`).first().waitFor();
    await cov.getByRole('link', { name: `东街社区 超期未走访 ${row.overdue} 户，查看` }).click();
    await page.waitForURL(/\/packages\/stats\/households\/index/);
    const list = shown(page);
    await list.getByText(`共 ${row.overdue} 户`).waitFor();
    await expect(list.locator('.jl-drill-item').count()).resolves.toBe(row.overdue);
    await expect(list.getByText('地址仅本社区工作人员和包挂人可见').count()).resolves.toBe(0);
  });
});

test('周芳 sees 东街’s 各小区（网格） as the API counts them, and an estate’s figure opens exactly its items', async () => {
  const STAFF = 'demo-staff-dongjie';
  const year = chinaMonth().slice(0, 4);
  const d = await post<Dashboard>('stats', { action: 'dashboard', scope: 'community', id: 'c-dongjie', period: year }, STAFF);
  const xingfu = d.estates.find((e) => e.name === '幸福小区')!;
  expect(xingfu.received).toBeGreaterThan(0);
  const LABEL = { openOverdue: '超期未解决', resolved: '已解决', dispatched: '派单' } as const;
  const figure = (Object.keys(LABEL) as (keyof typeof LABEL)[]).find((f) => xingfu[f] > 0 && xingfu[f] <= 20)!;
  await as(STAFF, '/packages/stats/dashboard/index', async (page) => {
    const board = shown(page);
    await board.getByRole('radio', { name: '按年', exact: true }).click();
    await board.getByRole('radio', { name: '按年，已选', exact: true }).waitFor();
    const estates = section(page, '各小区（网格）');
    const row = estates.locator('.jl-rank-row', { hasText: '幸福小区' });
    await row.getByText(`诉求量 ${xingfu.received}`).waitFor();
    await row.locator('.jl-rate-line', { hasText: '响应率' }).getByText(`派单 ${xingfu.dispatched}`).waitFor();
    // The server's order, lowest first, every estate of the community (and 未关联小区 when it has demands).
    await expect(estates.locator('.jl-rank-row__name').allTextContents()).resolves.toEqual(d.estates.map((e) => e.name));
    await row.getByRole('link', { name: `东街社区 · 幸福小区 ${LABEL[figure]} ${xingfu[figure]} 件，查看明细` }).first().click();
    await page.waitForURL(/\/packages\/stats\/items\/index/);
    const list = shown(page);
    await list.getByText(`共 ${xingfu[figure]} 件`).waitFor();
    await expect(list.locator('.jl-drill-item').count()).resolves.toBe(xingfu[figure]);
  });
});
