/**
 * The points issue's acceptance, end to end through the H5 app: a member finishes a dispatched task
 * (the dispatch steps by API, as test/e2e/dispatch.test.ts covers them through the pages), staff
 * verify it on the detail page, the points and hours appear on the member's 积分 tab, staff put an
 * item in the catalogue, the member redeems it and gets a code, staff fulfil it by that code, and
 * the member's 积分明细 shows each entry. Then a volunteer activity: the member signs up, checks in
 * and out with the code the organiser's page shows, staff approve the hours into the ledger. Each
 * step as its demo person in a fresh browser context; the county's reconciliation then finds the
 * ledger and the accounts in agreement.
 */
import type { Locator, Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const RESIDENT = 'demo-resident-wang'; // 王秀英, 东街社区
const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const ZHANG = 'demo-member-zhang'; // 张伟, member of 县人社局
const ADMIN = 'demo-admin';

const MARKER = `E2E-${Date.now().toString(36)}`;
const TEXT = `帮独居老人搬运过冬的煤 ${MARKER}`;
const ITEM = `理发一次 ${MARKER}`;
const HOURS = 3;

let app: App;
const { as, post, driveDemand } = steps('points', () => app);
let demandId = '';
let balanceBefore = 0;
let hoursBefore = 0;
let code = '';

interface Account {
  balance: number;
  yearTotals: { hours: number };
}

beforeAll(async () => {
  app = await startApp();
  const before = await post<Account>('points', { action: 'account' }, ZHANG);
  balanceBefore = before.balance;
  hoursBefore = before.yearTotals.hours;
  // The dispatch loop up to 待验收, by API: submitted, dispatched to 县人社局 for one, accepted, claimed, done with 3 hours.
  const d = await post<{ _id: string }>('dispatch', { action: 'submit', category: 'elderlyCare', text: TEXT }, RESIDENT);
  demandId = d._id;
  await driveDemand(demandId, 'completed', { hours: HOURS, notes: '煤已搬进屋内，码放整齐' });
});

afterAll(async () => {
  await app?.close();
});

/** A taro-ui button (a plain element in H5, no button role) by its exact words. */
const button = (scope: Locator, label: string) => scope.locator('.at-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });

/** The points the verified hours earned: 10 an hour by the default rule, less what 张伟's daily cap left (the demo gives him capped points today). */
let earned = 0;
const cost = 20;

describe('verified hours become points, which are redeemed and fulfilled by code, each step through the H5 pages', () => {
  test('1. 周芳 verifies the finished task on its detail page', async () => {
    await as(STAFF, `/packages/dispatch/detail/index?id=${encodeURIComponent(demandId)}`, async (page) => {
      const detail = shown(page).locator('.jl-detail');
      await detail.locator('.jl-tag--strong', { hasText: /^待验收$/ }).first().waitFor();
      await detail.locator('.jl-actions__buttons .jl-action').filter({ hasText: /^\s*验收通过\s*$/ }).click();
      await confirm(page, '验收通过', '验收通过');
      await detail.locator('.jl-tag--strong', { hasText: /^待评价$/ }).first().waitFor();
    });
  });

  test('2. 张伟 sees the points, the hours toward his yearly target and the entry with its source on 积分', async () => {
    const ledger = await post<{ items: { points: number; requestedPoints: number; source: { id: string } }[] }>('points', { action: 'ledger', pageSize: 20 }, ZHANG);
    const entry0 = ledger.items.find((e) => e.source.id === demandId)!;
    expect(entry0.requestedPoints).toBe(HOURS * 10);
    earned = entry0.points;
    expect(earned).toBeGreaterThan(0);
    await as(ZHANG, '/pages/points/index', async (page) => {
      const tab = shown(page);
      await tab.locator('.jl-balance__value', { hasText: new RegExp(`^${balanceBefore + earned}$`) }).waitFor();
      const hours = Math.round((hoursBefore + HOURS) * 10) / 10;
      await tab.locator('.jl-target__value', { hasText: `${hours} 小时 / 20 小时` }).waitFor();
      const entry = tab.locator('.jl-ledger-row').filter({ hasText: '派单服务' }).first();
      await entry.waitFor();
      await expect(entry.locator('.jl-ledger-row__points').textContent()).resolves.toBe(`+${earned} 分`);
      await expect(entry.locator('.jl-ledger-row__hours').textContent()).resolves.toBe(`+${HOURS} 小时`);
      await expect(entry.textContent()).resolves.toContain('帮独居老人搬运过冬的煤');
      await page.screenshot({ path: '/tmp/points-tab.png', fullPage: true });
    });
  });

  test('3. 周芳 puts an item in 东街社区\'s catalogue for 20 points', async () => {
    await as(STAFF, '/packages/points/item-form/index', async (page) => {
      const form = shown(page).locator('.jl-form');
      await form.getByText('由东街社区提供').waitFor();
      await form.locator('.jl-input input').first().fill(ITEM);
      for (let i = 0; i < 3; i++) await form.getByRole('button', { name: '减少所需积分', exact: true }).click();
      await form.locator('.jl-stepper__value', { hasText: `${cost} 分` }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '上架', '确认上架');
      await page.waitForURL(/\/packages\/points\/catalogue\/index\?manage=1/);
      await shown(page).locator('.jl-card', { hasText: ITEM }).waitFor();
    });
  });

  test('4. 张伟 redeems it after confirming and gets a code; his balance drops by the cost', async () => {
    code = await as(ZHANG, '/packages/points/catalogue/index', async (page) => {
      const screen = shown(page);
      await screen.getByText(`我的可用积分：${balanceBefore + earned} 分`).waitFor();
      const card = screen.locator('.jl-card', { hasText: ITEM });
      await card.locator('.jl-card__cost', { hasText: `${cost} 积分` }).waitFor();
      await button(card, '兑换').click();
      await confirm(page, '兑换', '确认兑换');
      const value = screen.locator('.jl-code__value');
      await value.waitFor();
      await screen.getByText(`我的可用积分：${balanceBefore + earned - cost} 分`).waitFor();
      return ((await value.textContent()) ?? '').replace(/\s+/g, '');
    });
    expect(code).toMatch(/^[A-Z0-9]{6,}$/);
    await as(ZHANG, '/packages/points/redemptions/index', async (page) => {
      const card = shown(page).locator('.jl-card', { hasText: ITEM });
      await card.locator('.jl-tag--strong', { hasText: '待核销' }).waitFor();
      await expect(card.locator('.jl-code__value').textContent()).resolves.toBe(code.replace(/(.{4})(?=.)/g, '$1 '));
    });
  });

  test('5. 周芳 fulfils it by the code 张伟 shows', async () => {
    await as(STAFF, '/packages/points/fulfil/index', async (page) => {
      const screen = shown(page);
      await screen.locator('.jl-input input').fill(code.toLowerCase());
      await button(screen, '查找兑换').click();
      const card = screen.locator('.jl-card', { hasText: ITEM });
      await card.getByText('兑换人 张伟').waitFor();
      await button(screen, '确认核销').click();
      await confirm(page, '核销', '确认核销');
      await screen.getByText(`已核销：张伟 的「${ITEM}」`).waitFor();
    });
    // A repeated 核销 of the same code changes nothing: it answers the fulfilled redemption.
    const again = await post<{ status: string }>('points', { action: 'fulfil', code }, STAFF);
    expect(again.status).toBe('fulfilled');
  });

  test('6. 张伟\'s 积分明细 shows the redemption and the service entry; 我的兑换 says 已核销', async () => {
    await as(ZHANG, '/packages/points/ledger/index', async (page) => {
      const list = shown(page).locator('.jl-ledger-row');
      await list.first().waitFor();
      const rows = (await list.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      const redeem = rows.findIndex((t) => t.includes(`积分兑换 · ${ITEM}`));
      const service = rows.findIndex((t) => t.includes('派单服务') && t.includes('帮独居老人搬运过冬的煤'));
      expect(redeem).toBeGreaterThanOrEqual(0);
      expect(rows.filter((t) => t.includes(ITEM))).toHaveLength(1);
      expect(service).toBeGreaterThan(redeem); // newest first
      expect(rows[redeem]).toContain(`−${cost} 分`);
      expect(rows[service]).toContain(`+${earned} 分`);
      expect(rows[service]).toContain(`+${HOURS} 小时`);
    });
    await as(ZHANG, '/packages/points/redemptions/index', async (page) => {
      await shown(page).getByRole('radio', { name: '全部，已选' }).waitFor();
      const card = shown(page).locator('.jl-card', { hasText: ITEM });
      await card.locator('.jl-tag--strong', { hasText: '已核销' }).waitFor();
      await expect(card.locator('.jl-code').count()).resolves.toBe(0);
    });
    const account = await post<Account>('points', { action: 'account' }, ZHANG);
    expect(account.balance).toBe(balanceBefore + earned - cost);
  });

  test('7. the county reconciles the ledger with every account: no differences', async () => {
    await as(ADMIN, '/packages/points/reconcile/index', async (page) => {
      await button(shown(page), '开始对账').click();
      await shown(page).getByText('账实相符').waitFor();
    });
  });
});

const ACTIVITY = `社区义诊引导 ${MARKER}`;
let activityId = '';
let activityCode = '';
const activityRoute = () => `/packages/points/activity/index?id=${encodeURIComponent(activityId)}`;

/** 我的报名's status on the activity page on screen. */
const myStatus = (page: Page, word: string) => shown(page).locator('.jl-kv', { hasText: '状态' }).locator('.jl-kv__value', { hasText: new RegExp(`^${word}$`) });

/** Types the organiser's code into the activity page's code field and sends it. */
async function enterCode(page: Page, step: '签到' | '签退'): Promise<void> {
  const actions = shown(page).locator('.jl-actions');
  await button(actions, step).click();
  await actions.getByText(`${step}码`).waitFor();
  await actions.locator('.jl-input input').fill(activityCode.toLowerCase());
  await button(actions, `确认${step}`).click();
}

describe('a volunteer activity: sign up, check in and out with the organiser\'s code, hours approved into the ledger', () => {
  beforeAll(async () => {
    // Running now (started 10 minutes ago), so that check-in is open; two hours a person.
    const now = Date.now();
    const a = await post<{ _id: string }>(
      'points',
      { action: 'createActivity', title: ACTIVITY, place: '东街社区卫生服务站', startAt: new Date(now - 10 * 60000).toISOString(), endAt: new Date(now + 2 * 3600000).toISOString(), capacity: 2, hoursRule: 'fixed', fixedHours: 2 },
      STAFF,
    );
    activityId = a._id;
  });

  test('8. 张伟 finds it among the open activities and signs up', async () => {
    await as(ZHANG, '/packages/points/activities/index', async (page) => {
      await shown(page).locator('.jl-card', { hasText: ACTIVITY }).click();
      await page.waitForURL(/\/packages\/points\/activity\/index\?id=/);
      // The detail page, not the list under it (which says 每人 2 小时 too).
      await shown(page).locator('.jl-activity .jl-kv', { hasText: '服务时长' }).getByText('每人 2 小时').waitFor();
      await button(shown(page).locator('.jl-actions'), '我要报名').click();
      await myStatus(page, '已报名').waitFor();
      await shown(page).getByText('2 人，已报名 1 人').waitFor();
    });
  });

  test('9. 周芳, the organiser, sees the check-in code and 张伟 signed up', async () => {
    activityCode = await as(STAFF, activityRoute(), async (page) => {
      const value = shown(page).locator('.jl-code__value');
      await value.waitFor();
      await shown(page).locator('.jl-person', { hasText: '张伟' }).getByText('已报名').waitFor();
      return ((await value.textContent()) ?? '').replace(/\s+/g, '');
    });
    expect(activityCode).not.toBe('');
  });

  test('10. 张伟 checks in and out with the typed code: 2 hours wait for approval', async () => {
    await as(ZHANG, activityRoute(), async (page) => {
      await myStatus(page, '已报名').waitFor();
      await enterCode(page, '签到');
      await myStatus(page, '已签到').waitFor();
      await enterCode(page, '签退');
      await myStatus(page, '已签退').waitFor();
      await shown(page).getByText('2 小时（待社区核定）').waitFor();
    });
  });

  test('11. 周芳 approves the checked-out hours after confirming', async () => {
    await as(STAFF, activityRoute(), async (page) => {
      const panel = shown(page);
      await panel.getByText('报名 1 人；待核定 1 人；未签退 0 人').waitFor();
      await button(panel, '核定已签退的时长（1 人）').click();
      await confirm(page, '核定时长', '确认核定');
      await panel.locator('.jl-person', { hasText: '张伟' }).getByText('时长已核定').waitFor();
    });
  });

  test('12. 张伟\'s 积分明细 has the activity\'s 2 hours', async () => {
    await as(ZHANG, '/packages/points/ledger/index', async (page) => {
      const entry = shown(page).locator('.jl-ledger-row', { hasText: `志愿活动 · ${ACTIVITY}` });
      await entry.waitFor();
      await expect(entry.locator('.jl-ledger-row__hours').textContent()).resolves.toBe('+2 小时');
    });
    const reconciled = await post<{ differences: unknown[] }>('points', { action: 'reconcile' }, ADMIN);
    expect(reconciled.differences).toEqual([]);
  });
});
