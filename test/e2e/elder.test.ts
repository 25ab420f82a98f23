/**
 * 长辈模式 in a real browser. Every resident-facing page (pages.ts) is opened in normal and elder
 * mode and measured from the rendered DOM (measure.ts): smallest text, line spacing, smallest tap
 * target, lowest contrast, names, and overflow at 1.4 × text. The table goes to the console and,
 * when every page was measured in both modes (not in a run filtered with -t), to docs/elder-mode.md,
 * which the README links. Then the switch itself: one tap on 我的 changes every page, and the choice
 * survives a reload and a new device.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { eventually, startApp, type App } from './browser';
import { elderDoc, failures, measure, table, type Mode, type Row } from './measure';
import { NEWCOMER, PAGES, resolveRoute, type ResidentPage } from './pages';

const ME = '/pages/me/index';
const TABS = [
  { label: '派单', route: '/pages/dispatch/index' },
  { label: '积分', route: '/pages/points/index' },
  { label: '敲门', route: '/pages/visits/index' },
  { label: '我的', route: ME },
];

let app: App;
const rows: Row[] = [];

/** The longest the resident's 诉求详情 may be, in screens (375 × 812). */
const SHORT_DETAIL: Record<Mode, number> = { normal: 1.5, elder: 2 };

beforeAll(async () => {
  app = await startApp();
  const registered = await app.post('org', { action: 'register', name: '新邻居' }, NEWCOMER);
  expect(registered.ok).toBe(true);
});

afterAll(async () => {
  if (rows.length) {
    const md = table(rows);
    console.log(`Elder-friendly measurements (375 px wide, Chromium)\n\n${md}\n`);
    if (rows.length === PAGES.length * 2) {
      const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const doc = elderDoc(rows, { day, chromium: app.browser.version(), pages: PAGES.length });
      const out = path.resolve(__dirname, '../../docs/elder-mode.md');
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, doc);
    }
  }
  await app?.close();
});

/** Network quiet, loading states gone, web fonts in: the page as a person would see it. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[role=status]')).every((el) => el.getBoundingClientRect().height === 0),
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Wait until the tab's own page is the one on screen (Taro keeps visited tab pages in the DOM,
 * hidden). The URL changes before the router shades the
 * previous tab page, so for a moment the old page (or none) is the visible one.
 */
function tabShown(page: Page, route: string) {
  return page.waitForFunction((r) => {
    const roots = Array.from(document.querySelectorAll('.jl-page')).filter((el) => el.getBoundingClientRect().height > 0);
    return roots.length === 1 && (roots[0].closest('.taro_page')?.id ?? '').startsWith(r);
  }, route);
}

/** The classes and body font of the page on screen, and of <html> (which styles the tab bar). */
function themeOf(page: Page) {
  return page.evaluate(() => {
    const roots = Array.from(document.querySelectorAll('.jl-page')).filter((el) => el.getBoundingClientRect().height > 0);
    const root = roots[0];
    return {
      shown: roots.length,
      elder: root?.classList.contains('jl-theme--elder') ?? null,
      bodyFont: root ? parseFloat(getComputedStyle(root).fontSize) : null,
      html: document.documentElement.classList.contains('jl-theme--elder'),
      allPages: Array.from(document.querySelectorAll('.jl-page')).map((el) => el.classList.contains('jl-theme--elder')),
    };
  });
}

async function tapElderSwitch(page: Page, to: boolean) {
  const toggle = page.getByRole('switch', { name: /长辈模式/ });
  await toggle.click();
  await page.getByRole('switch', { name: to ? '长辈模式，已开启' : '长辈模式，已关闭' }).waitFor();
}

/** Opens `p` in `mode` the way a person gets there: the saved preference, or the switch on 我的. */
async function open(listed: ResidentPage, mode: Mode): Promise<Page> {
  const p = { ...listed, route: await resolveRoute(listed.route, listed.openid, app.post) };
  let page: Page;
  if (mode === 'elder' && p.person === 'unregistered') {
    // No profile to save the choice on: the person taps the switch, and it holds until they register.
    page = await app.openAs(p.openid, ME);
    await settle(page);
    await tapElderSwitch(page, true);
    if (p.route !== ME) await page.goto(`${app.url}#${p.route}`);
  } else {
    page = await app.openAs(p.openid, p.route);
  }
  await page.locator(p.ready).first().waitFor();
  await settle(page);
  const theme = await themeOf(page);
  expect({ page: p.name, elder: theme.elder, html: theme.html }).toEqual({ page: p.name, elder: mode === 'elder', html: mode === 'elder' });
  return page;
}

describe.each<Mode>(['normal', 'elder'])('every resident-facing page, %s mode', (mode) => {
  beforeAll(async () => {
    if (mode !== 'elder') return;
    // A person's saved choice: set once on the server for everyone who has a profile.
    const people = new Set(PAGES.filter((p) => p.person !== 'unregistered').map((p) => p.openid));
    for (const openid of people) {
      const res = await app.post('org', { action: 'setElderMode', elderMode: true }, openid);
      expect(res.ok).toBe(true);
    }
  });

  test.each(PAGES)('$name ($route) meets the numbers', async (p) => {
    const page = await open(p, mode);
    try {
      const m = await measure(page);
      const problems = failures(p.name, mode, m);
      rows.push({ name: p.name, route: p.route, mode, m, ok: problems.length === 0 });
      if (m.ignored.length) console.log(`${p.name} (${mode}): aria-hidden text not measured: ${JSON.stringify(m.ignored)}`);
      if (m.notes.length) console.log(`${p.name} (${mode}): ${m.notes.join('; ')}`);
      if (problems.length) throw new Error(problems.join('\n'));
      // The resident's own demand: the status summary first, the steps folded — short in 长辈模式
      // too (it ran 3.5 screens of deadlines and 「（状态不变）」 lines before).
      if (p.name === '诉求详情') expect({ page: p.name, mode, screens: m.screens <= SHORT_DETAIL[mode] }).toEqual({ page: p.name, mode, screens: true });
    } finally {
      await page.context().close();
    }
  });
});

describe('the measurement itself', () => {
  test('catches each kind of problem on a page that has them', async () => {
    const page = await app.openAs('demo-member-zhang', '/pages/dispatch/index');
    await page.locator('.jl-tab-header').waitFor();
    await settle(page);
    await page.evaluate(() => {
      const root = document.querySelector('.taro_page_show .jl-page') as HTMLElement;
      root.insertAdjacentHTML(
        'beforeend',
        [
          '<taro-text-core style="font-size:0.4rem">小字说明</taro-text-core>', // 8 px
          '<taro-text-core style="color:#bbbbbb">浅色说明</taro-text-core>', // 1.9 : 1
          '<taro-text-core style="display:block;line-height:1">行距太紧</taro-text-core>',
          '<taro-view-core role="button" style="display:block;width:1.5rem;height:1.5rem">删</taro-view-core>', // 30 px
          '<taro-view-core role="button" aria-label="" style="display:block;width:3rem;height:3rem"></taro-view-core>', // no name
          '<img src="/favicon.ico" style="width:2rem;height:2rem">', // no alt
          '<taro-view-core style="display:block;width:16rem;white-space:nowrap">宽度写死的一行字在放大后会被截掉</taro-view-core>',
          '<taro-view-core style="display:flex"><taro-text-core style="flex:none;width:12rem">占位</taro-text-core><taro-text-core>挤成一列的字</taro-text-core></taro-view-core>',
        ].join(''),
      );
    });
    const m = await measure(page);
    const normal = failures('自检', 'normal', m).join('\n');
    expect(normal).toMatch(/font 8px, want ≥ 12px — <taro-text-core[^>]*> "小字说明"/);
    expect(normal).toMatch(/text contrast 1\.\d+:1, want ≥ 4\.5:1 — .*"浅色说明"/);
    expect(normal).toMatch(/tap target 30px, want ≥ 44px — .*"删"/);
    expect(normal).toMatch(/no accessible name, .*<taro-view-core/);
    expect(normal).toMatch(/no accessible name, .*<img/);
    expect(normal).toMatch(/layout at 1\.4× text, .*"宽度写死的一行字.* (outside the viewport|clipped)/);
    expect(normal).toMatch(/layout at 1\.4× text, .*"挤成一列的字 — squeezed/);
    expect(normal).not.toMatch(/line height/); // a normal-mode page is not held to 1.3
    expect(failures('自检', 'elder', m).join('\n')).toMatch(/line height 1, want ≥ 1\.3 — .*"行距太紧"/);
    // The measurement puts the root font size back.
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('20px');
    await page.context().close();
  });
});

describe('the 长辈模式 switch on 我的', () => {
  const PERSON = 'demo-resident-li';

  async function visitTabs(page: Page, expectElder: boolean) {
    for (const tab of TABS) {
      await page.locator('.weui-tabbar__item', { hasText: tab.label }).click();
      await page.waitForURL((u) => u.hash.startsWith(`#${tab.route}`));
      await tabShown(page, tab.route);
      await settle(page);
      const theme = await themeOf(page);
      expect({ tab: tab.label, ...theme }).toMatchObject({
        tab: tab.label,
        shown: 1,
        elder: expectElder,
        html: expectElder,
        bodyFont: expectElder ? 20 : 15,
      });
    }
  }

  test('changes every page at once, and follows the person across a reload and a new device', async () => {
    const page = await app.openAs(PERSON, ME);
    await page.locator('.jl-profile').waitFor();
    await settle(page);
    await visitTabs(page, false); // every tab page is now mounted, and ends on 我的
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await tapElderSwitch(page, true);
    // Every mounted page switched at once, with no navigation or reload.
    expect((await themeOf(page)).allPages).toEqual([true, true, true, true]);
    await visitTabs(page, true);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // The switch shows the choice at once; the save reaches the server just after.
    const saved = await eventually(() => app.post('org', { action: 'me' }, PERSON), (r) => (r.data as { elderMode?: boolean })?.elderMode === true);
    expect(saved.data).toMatchObject({ elderMode: true });

    await page.reload();
    await page.locator('.jl-profile').waitFor();
    await settle(page);
    expect(await themeOf(page)).toMatchObject({ elder: true, html: true, bodyFont: 20 });

    // A new device: fresh storage and nothing remembered locally, same openid.
    const other = await app.openAs(PERSON, '/pages/points/index');
    await other.locator('.jl-tab-header').waitFor();
    await settle(other);
    expect(await other.evaluate(() => Object.keys(window.localStorage))).toEqual(['jinlin.openid']);
    expect(await themeOf(other)).toMatchObject({ elder: true, html: true, bodyFont: 20 });
    await visitTabs(other, true);

    await tapElderSwitch(other, false);
    expect((await themeOf(other)).allPages.every((elder) => !elder)).toBe(true);
    await visitTabs(other, false);
    const unsaved = await eventually(() => app.post('org', { action: 'me' }, PERSON), (r) => (r.data as { elderMode?: boolean })?.elderMode === false);
    expect(unsaved.data).toMatchObject({ elderMode: false });

    // The first device picks the change up on its next load.
    await page.reload();
    await page.locator('.jl-profile').waitFor();
    await settle(page);
    expect(await themeOf(page)).toMatchObject({ elder: false, html: false, bodyFont: 15 });
    await page.context().close();
    await other.context().close();
  });
});
