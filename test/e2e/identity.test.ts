/** The app shell in a real browser: each demo person sees their own data, and can switch roles. */
import { startApp, type App } from './browser';

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

test('a staff member and a resident each see their own profile on 我的', async () => {
  const staff = await app.openAs('demo-staff-dongjie');
  const staffCard = staff.locator('.jl-profile');
  await staffCard.getByText('周芳').waitFor();
  const staffText = await staffCard.innerText();
  expect(staffText).toContain('社区工作者');
  expect(staffText).toContain('东街社区');
  expect(staffText).toContain('138****4001');
  expect(staffText).not.toContain('王秀英');

  const resident = await app.openAs('demo-resident-wang');
  const residentCard = resident.locator('.jl-profile');
  await residentCard.getByText('王秀英').waitFor();
  const residentText = await residentCard.innerText();
  expect(residentText).toContain('居民');
  expect(residentText).toContain('幸福小区1号楼');
  expect(residentText).not.toContain('周芳');
  expect(await resident.locator('body').innerText()).not.toContain('13800001001'); // never an unmasked phone
});

test('with no identity chosen, the role switcher lists the demo people and switching shows theirs', async () => {
  const page = await app.openAs(null);
  await page.getByText('林海').first().waitFor();
  await page.getByText(/县委组织部 · 林海/).first().click();
  await page.locator('.jl-profile').getByText('林海').waitFor();
  await expect(page.evaluate(() => window.localStorage.getItem('jinlin.openid'))).resolves.toBe('demo-admin');
  await page.reload();
  await page.locator('.jl-profile').getByText('林海').waitFor();
});

test('every tab answers for the signed-in person with their own figures, as the API gives them', async () => {
  const who = 'demo-member-zhang';
  const account = (await app.post('points', { action: 'account' }, who)).data as { balance: number };
  const mine = (await app.post('visits', { action: 'list', scope: 'mine' }, who)).data as { items: { address: string; contactName: string }[] };
  expect(mine.items.length).toBeGreaterThan(0); // the demo county pairs 张伟 with key households

  const page = await app.openAs(who, '/pages/points/index');
  const shown = page.locator('.taro_page_show');
  await shown.locator('.jl-balance__value').first().waitFor();
  expect(await shown.locator('.jl-balance__value').first().innerText()).toBe(String(account.balance));

  await page.goto(`${app.url}#/pages/visits/index`);
  await page.locator('.taro_page_show').getByText(mine.items[0].address).first().waitFor();
  for (const h of mine.items.slice(0, 3)) await expect(page.locator('.taro_page_show').getByText(h.address).count()).resolves.toBeGreaterThan(0);

  await page.goto(`${app.url}#/pages/dispatch/index`);
  // Taro keeps visited tab pages in the DOM, hidden: the one on screen is the visible root.
  await page.locator('.taro_page_show .jl-page').filter({ visible: true }).first().waitFor();
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.taro_page_show [role=status]')).every((el) => el.getBoundingClientRect().height === 0));
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/出错|加载失败/);
});
