/**
 * Content security and rate limits as a person meets them in the H5 app against the local cloud
 * (limits on, as deployed): a demand whose text holds a listed word is refused on the form with
 * 「内容含有违规信息，请修改后再提交」, the text stays to be corrected and nothing is filed; after ten
 * demands in a minute the eleventh is refused with 「操作太频繁」 and when to try again.
 */
import type { Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { shown, steps } from './steps';

const RESIDENT = 'demo-resident-wang'; // 王秀英, 东街社区
const BURSTER = 'demo-resident-li'; // 李建国, 西门社区
const MARKER = `E2E-${Date.now().toString(36)}`;

let app: App;
const { as } = steps('content', () => app);

beforeAll(async () => {
  app = await startApp({ env: { JINLIN_RATE_LIMITS: 'on' } });
}, 90_000);
afterAll(async () => {
  await app?.close();
});

/** Fills the report form with a category and `text`, and submits it. */
async function report(page: Page, text: string): Promise<void> {
  const form = shown(page).locator('.jl-form');
  await form.getByRole('radio', { name: '设施维修', exact: true }).click();
  await form.getByRole('radio', { name: '设施维修，已选', exact: true }).waitFor();
  await form.locator('textarea').fill(text);
  await form.locator('.jl-submit').click();
}

/** The resident's own demands whose text holds `marker`. */
async function filed(openid: string, marker: string): Promise<number> {
  const res = await app.post('dispatch', { action: 'list', scope: 'mine', pageSize: 50 }, openid);
  return ((res.data as { items: { text: string }[] }).items ?? []).filter((d) => d.text.includes(marker)).length;
}

test('a text with a listed word is refused on the form, kept for correcting, and never filed', async () => {
  const text = `楼下有人聚众赌博，很吵 ${MARKER}`;
  await as(RESIDENT, '/packages/dispatch/report/index', async (page) => {
    await report(page, text);
    await shown(page).getByText('内容含有违规信息，请修改后再提交').waitFor();
    expect(page.url()).toContain('/packages/dispatch/report/index');
    await expect(shown(page).locator('.jl-form textarea').inputValue()).resolves.toBe(text);
  });
  expect(await filed(RESIDENT, MARKER)).toBe(0);
});

test('after ten demands in a minute the eleventh is refused with when to try again', async () => {
  // Ten in a burst over the API, early in a minute so that the page's try falls in the same window.
  while (60_000 - (Date.now() % 60_000) < 40_000) await new Promise((r) => setTimeout(r, 250));
  const burst = await Promise.all(
    Array.from({ length: 10 }, (_, i) => app.post('dispatch', { action: 'submit', category: 'facilities', text: `路灯不亮 ${MARKER}-${i}` }, BURSTER)),
  );
  expect(burst.filter((r) => r.ok)).toHaveLength(10);
  await as(BURSTER, '/packages/dispatch/report/index', async (page) => {
    await report(page, `又一处路灯不亮 ${MARKER}-page`);
    await shown(page).getByText(/操作太频繁，请稍后再试（\d+ 秒后可再次操作）/).waitFor();
    expect(page.url()).toContain('/packages/dispatch/report/index');
  });
  expect(await filed(BURSTER, `${MARKER}-page`)).toBe(0);
}, 120_000);
