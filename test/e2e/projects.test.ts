/**
 * 共建项目 end to end through the H5 app, each step as its demo person in a fresh browser context:
 * 周芳 publishes a need on 东街社区's 需求清单 → 赵敏 (县人社局's liaison, paired with 东街) finds it
 * among 可认领需求 and claims it → 张伟 (县人社局) takes part and posts progress with a photo → 赵敏
 * registers it done → 周芳 rates its 实效 → the pairing's 共建计划 counts it completed and rated, once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const LIAISON = 'demo-liaison-renshe'; // 赵敏, 县人社局
const ZHANG = 'demo-member-zhang'; // 张伟, 县人社局
const MARKER = `E2E-${Date.now().toString(36)}`;
const TITLE = `四点半学校 ${MARKER}`;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

type Counts = { claimed: number; completed: number; rated: number };
let app: App;
const { as, post } = steps('projects', () => app);
let photoFile = '';
let projectId = '';
let before: Counts = { claimed: 0, completed: 0, rated: 0 };
const YEAR = String(new Date().getFullYear());
const pairing = () => post<Counts>('projects', { action: 'counts', scope: 'pairing', id: 'unit-renshe_c-dongjie', year: YEAR }, STAFF);

beforeAll(async () => {
  app = await startApp();
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-project-')), '辅导.png');
  fs.writeFileSync(photoFile, Buffer.from(PNG, 'base64'));
  before = await pairing();
});

afterAll(async () => {
  await app?.close();
  if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
});

const button = (scope: Locator, label: string) => scope.locator('.at-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
const card = (scope: Locator) => scope.locator('.jl-card', { hasText: TITLE });
const status = (scope: Locator, word: string) => scope.locator('.jl-tag--strong', { hasText: new RegExp(`^${word}$`) }).first().waitFor();
const detail = () => `/packages/projects/detail/index?id=${projectId}`;
/** Opens a step's form on the project page, fills its text and sends it. */
async function fill(page: Page, open: string, text: string, send: string) {
  await button(shown(page), open).click();
  await shown(page).locator('textarea').fill(text);
  await button(shown(page), send).click();
}

describe('a unit takes on a community’s need and the community rates it, through the H5 pages', () => {
  test('1. 周芳 publishes 四点半学校辅导 on 东街社区’s 需求清单', async () => {
    await as(STAFF, '/packages/projects/publish/index?kind=need&communityId=c-dongjie', async (page) => {
      const form = shown(page);
      await form.locator('.jl-input input').first().fill(TITLE);
      await form.locator('textarea').nth(0).fill('放学后到社区活动室，辅导双职工家庭孩子的作业');
      await form.locator('textarea').nth(1).fill('每周二、四下午，两名党员');
      await form.locator('.jl-submit').click();
      await confirm(page, '发布需求', '发布');
      await page.waitForURL(/\/packages\/projects\/detail\/index/);
      await status(shown(page), '待认领');
    });
    const listed = await post<{ items: { _id: string; title: string }[] }>('projects', { action: 'list', scope: 'community', communityId: 'c-dongjie', status: 'open' }, STAFF);
    projectId = listed.items.find((p) => p.title === TITLE)?._id ?? '';
    expect(projectId).not.toBe('');
  });

  test('2. 赵敏 finds it among 可认领需求 and claims it for 县人社局', async () => {
    await as(LIAISON, '/packages/projects/index/index', async (page) => {
      const c = card(shown(page));
      await status(c, '待认领');
      await c.click();
      await page.waitForURL(/\/packages\/projects\/detail\/index/);
      await button(shown(page), '认领这个项目').click();
      await confirm(page, '认领项目', '认领');
      await status(shown(page), '进行中');
      await shown(page).getByText('承接单位：县人社局').waitFor();
    });
  });

  test('3. 张伟 takes part and posts progress with a photo', async () => {
    await as(ZHANG, detail(), async (page) => {
      await button(shown(page), '我要参与').click();
      await confirm(page, '参与项目', '参与');
      await shown(page).getByText('参与党员：张伟').waitFor();
      await button(shown(page), '登记进展').click();
      const form = shown(page);
      await form.locator('textarea').fill('第一周辅导 12 名孩子');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片', exact: true }).click()]);
      await chooser.setFiles(photoFile);
      await form.getByRole('button', { name: '删除第 1 张照片', exact: true }).waitFor();
      await button(form, '提交进展').click();
      await shown(page).getByText('张伟：第一周辅导 12 名孩子', { exact: false }).waitFor();
      await shown(page).getByRole('button', { name: '查看第 1 条进展的照片第 1 张', exact: true }).waitFor();
    });
  });

  test('4. 赵敏 registers it done', async () => {
    await as(LIAISON, detail(), async (page) => {
      await fill(page, '登记完成', '本期共 8 次辅导、服务 96 人次', '确认完成');
      await confirm(page, '登记完成', '完成');
      await status(shown(page), '待评实效');
    });
  });

  test('5. 周芳 rates its 实效 from 东街社区’s 需求清单; the 共建计划 counts it once', async () => {
    await as(STAFF, '/packages/projects/index/index', async (page) => {
      const c = card(shown(page));
      await status(c, '待评实效');
      await c.click();
      await page.waitForURL(/\/packages\/projects\/detail\/index/);
      await fill(page, '评实效', '孩子们作业按时完成，家长很满意', '提交评实效');
      await confirm(page, '评实效', '提交');
      await status(shown(page), '已评实效');
      await shown(page).getByText('社区评实效：满意。孩子们作业按时完成，家长很满意').waitFor();
    });
    await post('projects', { action: 'rate', id: projectId, value: 'basic', comment: '再评一次' }, STAFF);
    const after = await pairing();
    expect([after.claimed - before.claimed, after.completed - before.completed, after.rated - before.rated]).toEqual([1, 1, 1]);
  });
});
