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

test('every tab answers for the signed-in person without inventing data', async () => {
  const page = await app.openAs('demo-member-zhang', '/pages/dispatch/index');
  await page.waitForLoadState('networkidle');
  for (const route of ['/pages/dispatch/index', '/pages/points/index', '/pages/visits/index']) {
    await page.goto(`${app.url}#${route}`);
    // networkidle can come before React has drawn the page on a slow machine: wait for the words.
    await page.locator('.taro_page_show').getByText(/暂无|还没有/).first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/出错|加载失败/);
  }
});
