/**
 * Supervision end to end through the H5 app (#14): the demo county's overdue item (李爷爷's 上门测
 * 血压, accepted by 县卫健局 and claimed by 刘洋, past its finish time) is urged by the county (催办),
 * escalated by 东街's secretary (吹哨) — the status stays 已接单 with 已吹哨 beside it —, found by the
 * 城关镇 official in the 派单 tab's 已吹哨 queue and put under 督办; then it is done,
 * verified and rated, and leaves the queue. Each step as its demo person, through the pages and
 * their confirmations; the timeline names each of them.
 */
import type { Locator, Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const ADMIN = 'demo-admin'; // 林海, 县委组织部
const SECRETARY = 'demo-secretary-dongjie'; // 黄志明, 东街社区
const TOWN = 'demo-town-chengguan'; // 钱立新, 城关镇
const STAFF = 'demo-staff-dongjie'; // 周芳
const MEMBER_WJ = 'demo-member-liu'; // 刘洋, 县卫健局
const RESIDENT = 'demo-resident-wang'; // 王秀英
const TEXT = '行动不便的李爷爷需要上门测血压、血糖。';

let app: App;
const { as, post } = steps('supervision', () => app);
let id = '';
const detailRoute = (demandId: string) => `/packages/dispatch/detail/index?id=${encodeURIComponent(demandId)}`;

const detail = (page: Page) => shown(page).locator('.jl-detail');
const actionButton = (page: Page, label: string): Locator =>
  detail(page).locator('.jl-actions__buttons .jl-action').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
const tag = (page: Page, word: string) => detail(page).locator('.jl-tags').first().locator('.jl-tag', { hasText: new RegExp(`^${word}$`) }).first();

/** Taps a step that asks for a few words, writes them, and confirms. */
async function withWords(page: Page, label: string, words: string, title = label): Promise<void> {
  await actionButton(page, label).click();
  const panel = detail(page).locator('.jl-panel');
  await panel.locator('textarea').fill(words);
  await panel.locator('.jl-button', { hasText: `确认${label}` }).click();
  await confirm(page, title, label);
}

beforeAll(async () => {
  app = await startApp();
  const page = await post<{ items: { _id: string; text: string }[] }>('dispatch', { action: 'list', scope: 'supervision', overdue: true }, ADMIN);
  id = page.items.find((d) => d.text === TEXT)?._id ?? '';
});

afterAll(async () => {
  await app?.close();
});

describe('an overdue item: urged by the county, escalated by the secretary, supervised by the town, resolved and rated', () => {
  test('1. 林海 (县委组织部) finds it in 督办 · 超期 and urges it from its card (催办); a second urge today is refused', async () => {
    expect(id).not.toBe('');
    await as(ADMIN, '/pages/dispatch/index', async (page) => {
      // The county's queues: 超期 open first.
      const tab = shown(page);
      await tab.getByRole('radio', { name: /^超期 \d+，已选$/ }).waitFor();
      const item = tab.locator('.jl-demand-item', { has: page.locator('.jl-demand-card', { hasText: TEXT }) });
      // The overdue card offers what the county may do to move it: 催办 (改派 and 延期 are not the county's).
      await expect(item.locator('.jl-demand-item__move').allInnerTexts()).resolves.toEqual(['催办']);
      await item.locator('.jl-demand-item__move', { hasText: '催办' }).click();
      await tag(page, '超期').waitFor();
      // The detail opens with the 催办 form; it is sent only after 确认催办 and the confirmation.
      const panel = detail(page).locator('.jl-panel');
      await panel.locator('textarea').fill('请今天上门');
      await panel.locator('.jl-button', { hasText: '确认催办' }).click();
      await confirm(page, '催办', '催办');
      await detail(page).locator('.jl-timeline__item .jl-timeline__what', { hasText: '林海 催办' }).waitFor();
      await expect(actionButton(page, '催办').count()).resolves.toBe(0);
    });
    const again = await app.post('dispatch', { action: 'urge', id }, ADMIN);
    expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '您今天已催办过该诉求，请明天再催' } });
  });

  test('1b. 周芳 (东街) finds it in her 超期 queue: its card offers 改派, which opens the form and its unit choice; 取消 changes nothing', async () => {
    const before = await post<{ status: string; dispatch: { unitId: string } }>('dispatch', { action: 'detail', id }, STAFF);
    await as(STAFF, '/pages/dispatch/index', async (page) => {
      const tab = shown(page);
      await tab.getByRole('radio', { name: /^超期 \d+$/ }).click();
      await tab.getByRole('radio', { name: /^超期 \d+，已选$/ }).waitFor();
      const item = tab.locator('.jl-demand-item', { has: page.locator('.jl-demand-card', { hasText: TEXT }) });
      await item.locator('.jl-demand-item__move', { hasText: '改派' }).click();
      const panel = detail(page).locator('.jl-panel');
      await panel.locator('.jl-panel__title', { hasText: '改派' }).waitFor();
      await panel.locator('.jl-button', { hasText: '确认改派' }).waitFor();
      await panel.locator('.jl-button', { hasText: '取消' }).click();
      await actionButton(page, '改派').waitFor();
    });
    const after = await post<{ status: string; dispatch: { unitId: string } }>('dispatch', { action: 'detail', id }, STAFF);
    expect({ status: after.status, unit: after.dispatch.unitId }).toEqual({ status: before.status, unit: before.dispatch.unitId });
  });

  test('2. 黄志明 (书记) 吹哨: the status stays 已接单, 已吹哨 shows beside it', async () => {
    await as(SECRETARY, detailRoute(id), async (page) => {
      await tag(page, '已接单').waitFor();
      await withWords(page, '吹哨', '超期未办结，请镇里和卫健局协调');
      await tag(page, '已吹哨').waitFor();
      await tag(page, '已接单').waitFor();
    });
  });

  test('3. 钱立新 (城关镇) sees it under 督办 · 已吹哨 and puts it under 督办', async () => {
    await as(TOWN, '/pages/dispatch/index', async (page) => {
      const tab = shown(page);
      // The town's queues, 超期 open first; 已吹哨 is one tap away.
      await tab.getByRole('radio', { name: /^超期 \d+，已选$/ }).waitFor();
      await tab.getByRole('radio', { name: /^已吹哨 \d+$/ }).click();
      await tab.getByRole('radio', { name: /^已吹哨 \d+，已选$/ }).waitFor();
      await tab.locator('.jl-demand-card', { hasText: TEXT }).click();
      await tag(page, '已吹哨').waitFor();
      await withWords(page, '督办', '三日内办结并报告镇里');
      await tag(page, '督办').waitFor();
      await detail(page).locator('.jl-timeline__item .jl-timeline__what', { hasText: '钱立新 督办' }).waitFor();
    });
    const queue = await post<{ items: { _id: string }[] }>('dispatch', { action: 'list', scope: 'supervision', flag: 'supervised' }, TOWN);
    expect(queue.items.map((d) => d._id)).toContain(id);
  });

  test('4. done, verified and rated: it leaves the town’s and the county’s queues; the timeline names everyone', async () => {
    await post('dispatch', { action: 'complete', id, notes: '已上门测量，血压偏高，已告知家属', hours: 1 }, MEMBER_WJ);
    await post('dispatch', { action: 'verify', id }, STAFF);
    await post('dispatch', { action: 'rate', id, value: 'satisfied' }, RESIDENT);
    for (const who of [TOWN, ADMIN]) {
      const queue = await post<{ items: { _id: string }[] }>('dispatch', { action: 'list', scope: 'supervision' }, who);
      expect(queue.items.map((d) => d._id)).not.toContain(id);
    }
    await as(TOWN, detailRoute(id), async (page) => {
      await tag(page, '已办结').waitFor();
      await expect(tag(page, '督办').count()).resolves.toBe(0);
      const lines = (await detail(page).locator('.jl-timeline__item .jl-timeline__what').allInnerTexts()).map((l) => l.replace(/\s+/g, ' ').trim());
      for (const line of ['林海 催办', '黄志明 吹哨', '钱立新 督办', '周芳 验收通过', '王秀英 评价']) expect(lines).toContain(line);
    });
  });
});
