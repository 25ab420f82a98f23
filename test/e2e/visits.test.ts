/**
 * The knock-on-the-door issue's acceptance, end to end through the H5 app: community staff mark a
 * key household and pair a member with it; the member opens 我的包户, records a visit with a need
 * found and a photo; staff see the new demand in 待受理; it is dispatched, done and verified (the unit's steps
 * through the API, as test/e2e/dispatch.test.ts covers their pages); the member then sees the
 * return visit due on 我的包户 and records it, which closes the loop. The secretary's read log
 * names the member's read of the household.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const ZHANG = 'demo-member-zhang'; // 张伟, member of 县人社局, lives in 东街社区
const SECRETARY = 'demo-secretary-dongjie'; // 黄志明, 书记 of 东街社区

const HOUSEHOLD = 'h-heping-2-302';
const ADDRESS = '和平小区2号楼 302';
const MARKER = `E2E-${Date.now().toString(36)}`;
const NEED = `厨房水管漏水，老人没法自己修 ${MARKER}`;
const householdRoute = `/packages/visits/household/index?id=${HOUSEHOLD}`;

/** A 1×1 PNG: the photo of the visit (the server checks its signature and size). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let app: App;
const { as, post, driveDemand } = steps('visits', () => app);
let demandId = '';
let photoFile = '';

beforeAll(async () => {
  app = await startApp();
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-visit-photo-')), '走访.png');
  fs.writeFileSync(photoFile, Buffer.from(PNG, 'base64'));
});

afterAll(async () => {
  await app?.close();
  if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
});

/** A taro-ui button on the page on screen, by its exact words. */
const button = (page: Page, label: string) => shown(page).locator('.at-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });

/** A large choice in the section titled `section`. */
async function choose(page: Page, section: string, choice: string): Promise<void> {
  const s = shown(page).locator('.jl-section').filter({ has: page.locator('.jl-section__title', { hasText: new RegExp(`^${section}$`) }) });
  await s.getByRole('radio', { name: new RegExp(`^${choice}(，已选)?$`) }).waitFor();
  // A default choice is already chosen.
  if (!(await s.getByRole('radio', { name: `${choice}，已选`, exact: true }).count())) await s.getByRole('radio', { name: choice, exact: true }).click();
  await s.getByRole('radio', { name: `${choice}，已选`, exact: true }).waitFor();
}

/** The 住户 section of a demand's detail: the address, whom to ask for, the phone as this reader may see it. */
async function householdOnDetail(page: Page, phone: string): Promise<void> {
  const section = shown(page).locator('.jl-section').filter({ has: page.locator('.jl-section__title', { hasText: '住户（走访发现）' }) });
  await section.getByText(ADDRESS).waitFor();
  await section.getByText('刘桂兰').waitFor();
  await section.getByText(phone).waitFor();
}

describe('a key household from marking to a closed return visit, each step as its person', () => {
  test('1. 周芳 marks 和平小区2号楼 302 as a key household (独居老人, weekly) on the key-household form', async () => {
    await as(STAFF, '/packages/visits/overview/index', async (page) => {
      await shown(page).getByText('走访覆盖率').waitFor();
      await button(page, '标记重点户').click();
      await page.waitForURL(/\/packages\/visits\/key\/index/);
      await choose(page, '1. 哪栋楼', '和平小区2号楼');
      await choose(page, '2. 哪一户', '302');
      const form = shown(page).locator('.jl-form');
      await form.getByRole('switch', { name: '独居老人', exact: true }).click();
      await form.getByRole('switch', { name: '独居老人，已选', exact: true }).waitFor();
      await choose(page, '多久走访一次', '每周走访');
      const inputs = form.locator('.at-input input');
      await inputs.nth(0).fill('刘桂兰');
      await inputs.nth(1).fill('13900002302');
      await form.locator('.jl-submit').click();
      await confirm(page, '标记重点户', '保存');
      await page.waitForURL(/\/packages\/visits\/overview\/index/);
    });
    const detail = (await post('visits', { action: 'detail', householdId: HOUSEHOLD }, STAFF)) as { active: boolean; careLevel: string; care: { categories: string[]; contactPhone: string } };
    expect(detail).toMatchObject({ active: true, careLevel: 'weekly', care: { categories: ['livingAlone'], contactPhone: '13900002302' } });
  });

  test('2. 周芳 pairs 张伟 with it on the pairing page, after a confirmation', async () => {
    await as(STAFF, householdRoute, async (page) => {
      await shown(page).getByText(ADDRESS).first().waitFor();
      await button(page, '安排包挂').click();
      await page.waitForURL(/\/packages\/visits\/pairing\/index/);
      await button(page, '安排张伟包挂').click();
      await confirm(page, '包挂', '安排');
      await button(page, '解除张伟的包挂').waitFor();
    });
  });

  test('3. 张伟 finds it on 我的包户 and records a door visit with a need found and a photo', async () => {
    await as(ZHANG, '/pages/visits/index', async (page) => {
      const tab = shown(page);
      await tab.locator('.jl-section__title', { hasText: '我的包户' }).waitFor();
      const card = tab.locator('.jl-household', { hasText: ADDRESS });
      await card.waitFor();
      // A new household is due at once; the state is a word, not only a colour.
      await expect(card.locator('.jl-tag--strong').first().textContent()).resolves.toMatch(/待走访|已超期/);
      await card.click();
      await page.waitForURL(/\/packages\/visits\/household\/index/);
      const detail = shown(page).locator('.jl-household-detail');
      // A paired visitor sees the care details and the full phone, to call.
      await detail.getByText('独居老人').waitFor();
      await detail.getByText('13900002302').first().waitFor();
      await button(page, '拨打 刘桂兰 的电话').waitFor();

      await button(page, '记录走访').click();
      await page.waitForURL(/\/packages\/visits\/visit\/index/);
      await choose(page, '1. 怎么走访的', '上门');
      await choose(page, '2. 见到人了吗', '见到了');
      await choose(page, '3. 身体和生活情况', '一般');
      const form = shown(page).locator('.jl-form');
      await form.getByRole('switch', { name: /^发现了困难/ }).click();
      await form.locator('.jl-need').waitFor();
      await form.locator('.jl-need').getByRole('radio', { name: '设施维修', exact: true }).click();
      await form.locator('.jl-need textarea').fill(NEED);
      await form.locator('.jl-section', { hasText: '5. 走访记录' }).locator('textarea').fill('老人精神不错，叮嘱天冷注意保暖');
      // Taro.chooseImage in H5 clicks a hidden <input type=file>: answer its file chooser.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片', exact: true }).click()]);
      await chooser.setFiles(photoFile);
      await form.getByRole('button', { name: '删除第 1 张照片', exact: true }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '记录走访', '保存');
      await page.waitForURL(/\/packages\/visits\/household\/index/);
      const visits = shown(page).locator('.jl-household-detail .jl-visit');
      await visits.first().getByText(`发现困难（设施维修）：${NEED} — 已转为诉求`).waitFor();
      await expect(visits.first().locator('.jl-tag').first().textContent()).resolves.toBe('见到了');
      // The photo went up with the visit and is shown back from the server.
      await visits.first().locator('.jl-photos__item').waitFor();
    });
  });

  test('4. 周芳 sees the new demand in 待受理; it is dispatched, done and verified', async () => {
    await as(STAFF, '/pages/dispatch/index', async (page) => {
      const tab = shown(page);
      await tab.getByRole('radio', { name: /^待受理 \d+，已选$/ }).waitFor();
      const card = tab.locator('.jl-demand-card', { hasText: MARKER });
      await card.waitFor();
      // Found at a door: the visitor reported it, not as their own need.
      await card.getByText('张伟（走访发现）').waitFor();
      await card.click();
      await page.waitForURL(/\/packages\/dispatch\/detail\/index\?id=/);
      demandId = new URLSearchParams(page.url().split('?')[1]).get('id') ?? '';
      await shown(page).locator('.jl-detail').getByText(NEED).waitFor();
      // Its household, with the phone to call (staff handle it), and the way back to the 重点户.
      await householdOnDetail(page, '13900002302');
      await shown(page).getByRole('link', { name: `查看重点户 ${ADDRESS}` }).click();
      await page.waitForURL(/\/packages\/visits\/household\/index\?id=h-heping-2-302/);
      await shown(page).locator('.jl-household-detail').getByText('独居老人').waitFor();
      // The H5 title bar: the page's title and a back button that returns.
      const bar = page.locator('#taro-navigation-bar');
      await bar.locator('.taro-navigation-bar-title', { hasText: /^重点户$/ }).waitFor();
      await bar.getByRole('button', { name: '返回' }).click();
      await page.waitForURL(/\/packages\/dispatch\/detail\/index\?id=/);
      await bar.locator('.taro-navigation-bar-title', { hasText: /^诉求详情$/ }).waitFor();
      await shown(page).locator('.jl-detail').getByText(NEED).waitFor();
    });
    expect(demandId).not.toBe('');
    const demand = (await post('dispatch', { action: 'detail', id: demandId }, STAFF)) as { category: string; text: string };
    expect(demand).toMatchObject({ category: 'facilities', text: NEED });

    await driveDemand(demandId, 'verified', { hours: 1, notes: '换了水管接头，不再漏水' });
    // All the way to 验收 the demand keeps its household.
    await as(STAFF, `/packages/dispatch/detail/index?id=${demandId}`, async (page) => {
      await shown(page).locator('.jl-detail').getByText('待评价').first().waitFor();
      await householdOnDetail(page, '13900002302');
    });
    // Resolving a demand from the household makes a 回访 due for its visitors.
    const owed = (await post('visits', { action: 'detail', householdId: HOUSEHOLD }, ZHANG)) as { returnsDue: { demandId: string }[] };
    expect(owed.returnsDue.map((r) => r.demandId)).toEqual([demandId]);
  });

  test('5. 张伟 sees the 回访 due on 我的包户 and records it: the loop closes', async () => {
    await as(ZHANG, '/pages/visits/index', async (page) => {
      const card = shown(page).locator('.jl-household', { hasText: ADDRESS });
      await card.waitFor();
      await card.locator('.jl-tag', { hasText: '待回访' }).waitFor();
      await card.click();
      await page.waitForURL(/\/packages\/visits\/household\/index/);
      const owed = shown(page).locator('.jl-return');
      await owed.getByText(/设施维修诉求/).waitFor();
      await button(page, '记录回访').click();
      await page.waitForURL(/\/packages\/visits\/visit\/index\?.*returnFor=/);
      const form = shown(page).locator('.jl-form');
      await form.getByText('回访「设施维修」诉求').waitFor();
      await choose(page, '1. 怎么走访的', '电话');
      await choose(page, '2. 见到人了吗', '见到了');
      await choose(page, '3. 身体和生活情况', '良好');
      await form.locator('.jl-section', { hasText: '5. 走访记录' }).locator('textarea').fill('电话回访：水管修好了，老人很满意');
      await expect(form.locator('.jl-submit').textContent()).resolves.toBe('保存回访');
      await form.locator('.jl-submit').click();
      await confirm(page, '记录回访', '保存');
      await page.waitForURL(/\/packages\/visits\/household\/index/);
      const detail = shown(page).locator('.jl-household-detail');
      await detail.locator('.jl-visit').first().locator('.jl-tag', { hasText: '回访' }).waitFor();
      await expect(detail.locator('.jl-return').count()).resolves.toBe(0);
    });
    const visits = (await post('visits', { action: 'listVisits', householdId: HOUSEHOLD }, ZHANG)) as {
      items: { returnForDemandId: string | null; outcome: string; needs: { demandId: string }[]; photos: string[] }[];
    };
    expect(visits.items.map((v) => v.returnForDemandId)).toEqual([demandId, null]);
    expect(visits.items[1].needs.map((n) => n.demandId)).toEqual([demandId]);
    expect(visits.items[1].photos).toHaveLength(1);
    const list = (await post('visits', { action: 'list', scope: 'mine' }, ZHANG)) as { items: { householdId: string; returnsDue: unknown[] }[] };
    expect(list.items.find((h) => h.householdId === HOUSEHOLD)?.returnsDue).toEqual([]);
  });

  test('6. 黄志明 (书记) finds 张伟’s reads of the household in the sensitive-read log', async () => {
    await as(SECRETARY, '/pages/visits/index', async (page) => {
      await button(page, '敏感信息查阅记录').click();
      await page.waitForURL(/\/packages\/visits\/reads\/index/);
      const read = shown(page).locator('.jl-claim', { hasText: '张伟（包户）' }).filter({ hasText: ADDRESS });
      await read.first().waitFor();
    });
  });
});
