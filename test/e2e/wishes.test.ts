/**
 * The 微心愿 wall end to end through the H5 app, each step as its demo person in a fresh browser
 * context: 王秀英 posts a wish with a photo → 周芳 approves it onto 东街社区's wall → 张伟 (县人社局,
 * paired with 东街) finds it on the wall — 「王**的微心愿」, never her name — and claims it → he
 * delivers it with a photo and a note → 王秀英 confirms receipt → 张伟's points rise by `perWish`,
 * once (a second confirmation credits nothing), and the ledger reconciles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const RESIDENT = 'demo-resident-wang'; // 王秀英, 东街社区
const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const ZHANG = 'demo-member-zhang'; // 张伟, 县人社局
const ADMIN = 'demo-admin';
const MARKER = `E2E-${Date.now().toString(36)}`;
const TITLE = `一副老花镜 ${MARKER}`;
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let app: App;
const { as, post } = steps('wishes', () => app);
let photoFile = '';
let balanceBefore = 0;
let perWish = 0;
let wishId = '';

beforeAll(async () => {
  app = await startApp();
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-wish-')), '老花镜.png');
  fs.writeFileSync(photoFile, Buffer.from(PNG, 'base64'));
  balanceBefore = (await post<{ balance: number }>('points', { action: 'account' }, ZHANG)).balance;
  perWish = (await post<{ perWish: number }>('points', { action: 'rules' }, ZHANG)).perWish;
});

afterAll(async () => {
  await app?.close();
  if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
});

/** A taro-ui button by its exact words. */
const button = (scope: Locator, label: string) => scope.locator('.at-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
const card = (scope: Locator) => scope.locator('.jl-card', { hasText: TITLE });
const status = (c: Locator, word: string) => c.locator('.jl-tag--strong', { hasText: new RegExp(`^${word}$`) }).waitFor();

describe('a wish from the resident to the member who fulfils it, through the H5 pages', () => {
  test('1. 王秀英 posts a wish with a photo; it waits for 审核 in 我的心愿', async () => {
    await as(RESIDENT, '/packages/wishes/post/index', async (page) => {
      const form = shown(page);
      const inputs = form.locator('.jl-input input');
      await inputs.first().fill(TITLE);
      await form.locator('textarea').first().fill('原来的眼镜摔坏了，看不清药盒上的字');
      await inputs.last().fill('幸福小区1号楼 302');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片', exact: true }).click()]);
      await chooser.setFiles(photoFile);
      await form.getByRole('button', { name: '删除第 1 张照片', exact: true }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '提交心愿', '提交');
      await page.waitForURL(/\/packages\/wishes\/mine\/index/);
      await status(card(shown(page)), '待审核');
    });
    const mine = await post<{ items: { _id: string; title: string }[] }>('wishes', { action: 'list', scope: 'mine' }, RESIDENT);
    wishId = mine.items.find((w) => w.title === TITLE)!._id;
  });

  test('2. 周芳 approves it onto 东街社区’s wall', async () => {
    await as(STAFF, '/packages/wishes/review/index', async (page) => {
      const c = card(shown(page));
      await c.getByText('心愿人：王秀英').waitFor();
      await button(c, '审核通过，上墙').click();
      await confirm(page, '审核通过', '通过');
      // Reviewed: it leaves the queue.
      await c.waitFor({ state: 'detached' });
    });
  });

  test('3. 张伟 finds 「王**的微心愿」 on the wall — no name, address or phone — and claims it', async () => {
    await as(ZHANG, '/packages/wishes/wall/index', async (page) => {
      const c = card(shown(page));
      await c.getByText('王**的微心愿').waitFor();
      const text = (await c.textContent()) ?? '';
      for (const secret of ['王秀英', '幸福小区1号楼 302', '13800001001']) expect(text).not.toContain(secret);
      await button(c, '我来认领').click();
      await confirm(page, '认领心愿', '认领');
      await page.getByText('认领成功').waitFor();
    });
  });

  test('4. 张伟 sees where to deliver it in 我认领的, and registers the delivery with a photo', async () => {
    await as(ZHANG, '/packages/wishes/claimed/index', async (page) => {
      const c = card(shown(page));
      await status(c, '已认领');
      await c.getByText('送达地址：幸福小区1号楼 302').waitFor();
      await c.getByText('联系电话：13800001001').waitFor();
      await button(c, '登记已送达').click();
      await page.waitForURL(/\/packages\/wishes\/fulfil\/index/);
      const form = shown(page);
      await form.locator('textarea').fill('已把老花镜送到家里，老人试戴合适');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片', exact: true }).click()]);
      await chooser.setFiles(photoFile);
      await form.getByRole('button', { name: '删除第 1 张照片', exact: true }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '登记已送达', '登记');
      await page.waitForURL(/\/packages\/wishes\/claimed\/index/);
      await status(card(shown(page)), '待确认');
    });
  });

  test('5. 王秀英 confirms receipt in 我的心愿; 张伟 earns perWish once', async () => {
    await as(RESIDENT, '/packages/wishes/mine/index', async (page) => {
      const c = card(shown(page));
      await status(c, '待确认');
      await c.getByText('送达情况：已把老花镜送到家里，老人试戴合适').waitFor();
      await button(c, '确认收到').click();
      await confirm(page, '确认收到', '确认');
      await status(card(shown(page)), '已实现');
      await card(shown(page)).getByText(`认领人获得 ${perWish} 积分`, { exact: false }).waitFor();
    });
    expect((await post<{ balance: number }>('points', { action: 'account' }, ZHANG)).balance).toBe(balanceBefore + perWish);
    // Confirming again — the wisher, then staff for her — credits nothing more.
    await post('wishes', { action: 'confirm', id: wishId }, RESIDENT);
    await post('wishes', { action: 'confirm', id: wishId }, STAFF);
    expect((await post<{ balance: number }>('points', { action: 'account' }, ZHANG)).balance).toBe(balanceBefore + perWish);
    const ledger = await post<{ items: { _id: string }[] }>('points', { action: 'ledger' }, ZHANG);
    expect(ledger.items.filter((e) => e._id === `wish_${wishId}`)).toHaveLength(1);
    expect((await post<{ differences: unknown[] }>('points', { action: 'reconcile' }, ADMIN)).differences).toEqual([]);
  });
});
