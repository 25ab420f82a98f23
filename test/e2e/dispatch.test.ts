/**
 * The dispatch issue's acceptance, end to end through the H5 app: a resident reports with a photo,
 * community staff dispatch to the paired unit, its liaison accepts, two members claim (a third is
 * refused: the slots are full), both finish with their hours, staff verify, the resident rates —
 * each step as its own demo person in a fresh browser context, through the pages and their
 * confirmations. Then the timeline names every actor in order, and the local outbox has the
 * subscribe messages (new dispatch → liaison, please rate → resident).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Locator, Page } from 'playwright-core';

import { eventually, startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const RESIDENT = 'demo-resident-wang'; // 王秀英, 东街社区
const STAFF = 'demo-staff-dongjie'; // 周芳, 东街社区
const LIAISON = 'demo-liaison-renshe'; // 赵敏, liaison (and member) of 县人社局
const ZHANG = 'demo-member-zhang'; // 张伟, member of 县人社局
const CHEN = 'demo-member-chen'; // 陈静, member of 县人社局

const MARKER = `E2E-${Date.now().toString(36)}`;
const TEXT = `幸福小区1号楼楼道灯坏了，晚上看不见路 ${MARKER}`;
const detailRoute = (id: string) => `/packages/dispatch/detail/index?id=${encodeURIComponent(id)}`;

const NOTES: Record<string, string> = {
  [ZHANG]: '已更换楼道灯泡 2 个，居民确认可以正常使用',
  [CHEN]: '检查了整栋楼的线路，其他楼层正常',
};

/** The timeline, oldest first: actor and step word. */
const EXPECTED_TIMELINE = [
  '王秀英 提交诉求',
  '周芳 派单',
  '赵敏 接单',
  '张伟 认领',
  '陈静 认领',
  '张伟 办结',
  '陈静 办结',
  '周芳 验收通过',
  '王秀英 评价',
];

/** The same timeline as 王秀英 reads it: organisations, the steps that moved it, her words. */
const RESIDENT_TIMELINE = ['您 提交诉求', '社区 受理，派单给结对单位', '县人社局 接单办理', '县人社局 办完', '社区 验收通过', '您 评价'];

/** What each step moved, in the same order. */
const EXPECTED_STATES = [
  '→ 待受理',
  '待受理 → 已派单',
  '已派单 → 已接单',
  '已接单 → 已接单（状态不变）',
  '已接单 → 已接单（状态不变）',
  '已接单 → 已接单（状态不变）',
  '已接单 → 待验收',
  '待验收 → 待评价',
  '待评价 → 已办结',
];

let app: App;
const { as } = steps('dispatch', () => app);
let id = '';
let photoFile = '';

/** A valid 8×8 PNG (solid red), built here so that the test needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const w = 8;
  const h = 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([0xc0, 0x20, 0x20]))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  app = await startApp();
  photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-photo-')), '楼道灯.png');
  fs.writeFileSync(photoFile, tinyPng());
});

afterAll(async () => {
  await app?.close();
  if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
});

/** The detail page on screen. */
const detail = (page: Page) => shown(page).locator('.jl-detail');

/** Waits until the detail on screen shows `word` as its status (the first, strong tag). */
async function waitForStatus(page: Page, word: string): Promise<void> {
  await detail(page).locator('.jl-tags').first().locator('.jl-tag--strong', { hasText: new RegExp(`^${word}$`) }).first().waitFor();
}

/** Waits until the resident's view on screen says where the demand is. */
async function residentWhere(page: Page, words: string): Promise<void> {
  await detail(page).locator('.jl-progress__where', { hasText: new RegExp(`^${words}$`) }).waitFor();
}

/** An action button of the detail page, by its exact word. */
const actionButton = (page: Page, label: string): Locator =>
  detail(page).locator('.jl-actions__buttons .jl-action').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });

/** A screenshot of the whole page on screen: the page scrolls inside Taro's container, so the viewport grows to it. */
async function screenshotWhole(page: Page, file: string): Promise<void> {
  const height = await shown(page).evaluate((el) => Math.max(el.scrollHeight, ...Array.from(el.querySelectorAll('*'), (c) => c.scrollHeight)));
  const size = page.viewportSize() ?? { width: 375, height: 812 };
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 80) });
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(size);
}

/** The timeline as "actor step" lines, oldest first. */
async function timelineOf(page: Page): Promise<string[]> {
  const lines = await detail(page).locator('.jl-timeline__item .jl-timeline__what').allInnerTexts();
  return lines.map((l) => l.replace(/\s+/g, ' ').trim());
}

/** A member claims the task from its detail page. */
async function claimAs(openid: string, name: string, claimedAfter: number) {
  await as(openid, detailRoute(id), async (page) => {
    await waitForStatus(page, '已接单');
    await actionButton(page, '认领').click();
    await confirm(page, '认领', '认领');
    await detail(page).locator('.jl-claim__name', { hasText: name }).waitFor();
    await detail(page).getByText(`2 人，已认领 ${claimedAfter} 人`).waitFor();
    await expect(actionButton(page, '认领').count()).resolves.toBe(0);
    await waitForStatus(page, '已接单');
  });
}

/** A member finishes their part on the 办结 form: notes and their hours. */
async function completeAs(openid: string, name: string, hours: string, adjust: '增加' | '减少', statusAfter: string) {
  await as(openid, detailRoute(id), async (page) => {
    await waitForStatus(page, '已接单');
    await actionButton(page, '办结').click();
    const form = shown(page).locator('.jl-form');
    await form.getByText('我的服务时长').waitFor();
    await form.locator('textarea').fill(NOTES[openid]);
    await form.getByRole('button', { name: `${adjust}我的服务时长` }).click();
    await form.locator('.jl-stepper__value', { hasText: `${hours} 小时` }).waitFor();
    await form.locator('.jl-submit').click();
    await confirm(page, '办结', '确认办结');
    await waitForStatus(page, statusAfter);
    await detail(page).locator('.jl-claim', { hasText: name }).getByText(`已办结，服务 ${hours} 小时`).waitFor();
    // Each member's notes are kept under their name.
    await detail(page).getByText(`${name}：${NOTES[openid]}`).waitFor();
  });
}

describe('a demand from report to rating, each step as its person through the H5 pages', () => {
  test('1. 王秀英 reports with a category, a text and a photo, and lands on the detail: 待受理', async () => {
    await as(RESIDENT, '/packages/dispatch/report/index', async (page) => {
      const form = shown(page).locator('.jl-form');
      await form.getByText('1. 反映哪一类事情').waitFor();
      await form.getByRole('radio', { name: '设施维修', exact: true }).click();
      await form.getByRole('radio', { name: '设施维修，已选', exact: true }).waitFor();
      await form.locator('textarea').fill(TEXT);
      await form.getByText(`${TEXT.length}/500`).waitFor();

      // Taro.chooseImage in H5 clicks a hidden <input type=file>: answer its file chooser.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片', exact: true }).click()]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles(photoFile);
      await form.getByRole('button', { name: '删除第 1 张照片', exact: true }).waitFor();
      await expect(form.getByRole('alert').count()).resolves.toBe(0);

      await form.locator('.jl-submit').click();
      await page.waitForURL(/\/packages\/dispatch\/detail\/index\?id=/);
      id = new URLSearchParams(page.url().split('?')[1]).get('id') ?? '';
      expect(id).not.toBe('');
      // The resident's own view: where it is first, in their words.
      await residentWhere(page, '待社区受理');
      await detail(page).getByText(MARKER).waitFor();
      await detail(page).getByText('设施维修').first().waitFor();
      // The photo went up with the demand and is shown back from the server.
      const img = detail(page).locator('.jl-photos__image img, img.jl-photos__image').first();
      await img.waitFor();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 8, await img.elementHandle());
    });
    const stored = await app.post('dispatch', { action: 'detail', id }, RESIDENT);
    expect(stored.ok).toBe(true);
    expect((stored.data as { photos: string[] }).photos).toHaveLength(1);
  });

  test('2. 周芳 finds it under 待受理 and dispatches it to 县人社局 for 2 people: 已派单', async () => {
    expect(id).not.toBe('');
    await as(STAFF, '/pages/dispatch/index', async (page) => {
      const tab = shown(page);
      await tab.getByRole('radio', { name: /^待受理 \d+，已选$/ }).waitFor();
      await tab.locator('.jl-demand-card', { hasText: MARKER }).click();
      await waitForStatus(page, '待受理');
      expect(new URLSearchParams(page.url().split('?')[1]).get('id')).toBe(id);
      // 派单 is the primary way to a unit; 社区自办 keeps it in the community; the page says what each means.
      await expect(detail(page).locator('.jl-actions__buttons .jl-action').allInnerTexts()).resolves.toEqual(['派单', '社区自办', '合并', '不予受理']);
      await expect(actionButton(page, '派单').getAttribute('class')).resolves.toContain('at-button--primary');
      await detail(page).getByText('社区自办：小事不出小区：由社区直接办理，不派给单位').waitFor();
      await detail(page).getByText('派单：派给结对共建单位，由单位接单、党员认领办理').waitFor();

      await actionButton(page, '派单').click();
      const form = shown(page).locator('.jl-form');
      await form.getByText('派给哪个单位').waitFor();
      await form.getByRole('radio', { name: '县人社局', exact: true }).click();
      await form.getByRole('radio', { name: '县人社局，已选', exact: true }).waitFor();
      await form.getByRole('button', { name: '增加需要人数', exact: true }).click();
      await form.locator('.jl-stepper__value', { hasText: '2 人' }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '派单', '确认派单');

      await waitForStatus(page, '已派单');
      await detail(page).getByText('县人社局').first().waitFor();
      await detail(page).getByText('2 人，已认领 0 人').waitFor();
    });
  });

  test('3. 赵敏 (liaison of 县人社局) accepts: 已接单', async () => {
    await as(LIAISON, detailRoute(id), async (page) => {
      await waitForStatus(page, '已派单');
      await actionButton(page, '接单').click();
      await confirm(page, '接单', '接单');
      await waitForStatus(page, '已接单');
      await detail(page).getByText(/（按时接单）/).waitFor();
    });
  });

  test('4. 张伟 and 陈静 claim the two slots; 赵敏, a member too, then has no 认领 and the server refuses her', async () => {
    // Before the slots fill, 赵敏 could claim: what follows is about the slots, not her role.
    const before = await app.post('dispatch', { action: 'detail', id }, LIAISON);
    expect((before.data as { allowedActions: string[] }).allowedActions).toContain('claim');

    await claimAs(ZHANG, '张伟', 1);
    await claimAs(CHEN, '陈静', 2);

    await as(LIAISON, detailRoute(id), async (page) => {
      await waitForStatus(page, '已接单');
      await detail(page).getByText('2 人，已认领 2 人').waitFor();
      await detail(page).locator('.jl-timeline').waitFor();
      await expect(actionButton(page, '认领').count()).resolves.toBe(0);
      await expect(detail(page).locator('.jl-actions').getByText('认领', { exact: true }).count()).resolves.toBe(0);
    });

    const refused = await app.post('dispatch', { action: 'claim', id }, LIAISON);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('INVALID_STATE');
  });

  test('5. 张伟 and 陈静 each 办结 with notes and their hours: after both, 待验收', async () => {
    await completeAs(ZHANG, '张伟', '2.5', '增加', '已接单');
    await completeAs(CHEN, '陈静', '1.5', '减少', '待验收');
  });

  test('6. 周芳 verifies: 待评价', async () => {
    await as(STAFF, detailRoute(id), async (page) => {
      await waitForStatus(page, '待验收');
      await actionButton(page, '验收通过').click();
      await confirm(page, '验收通过', '验收通过');
      await waitForStatus(page, '待评价');
    });
  });

  test('7. 王秀英 sees 去评价 on her list and on the detail, and rates 满意: 已办结', async () => {
    await as(RESIDENT, '/pages/dispatch/index', async (page) => {
      const tab = shown(page);
      await tab.locator('.jl-section__title', { hasText: '我的诉求' }).waitFor();
      const card = tab.locator('.jl-demand-item', { hasText: MARKER });
      await card.locator('.jl-tag--strong', { hasText: '待您评价' }).waitFor();
      await card.locator('.at-button', { hasText: '去评价' }).waitFor();
    });
    await as(RESIDENT, detailRoute(id), async (page) => {
      await residentWhere(page, '待您评价');
      // Who has it and what happens next, before anything else; the steps folded below.
      await expect(detail(page).locator('.jl-progress__next').textContent()).resolves.toContain('请您评价');
      await expect(detail(page).locator('.jl-timeline').count()).resolves.toBe(0);
      await detail(page).locator('.jl-progress .at-button', { hasText: '去评价' }).click();
      const form = shown(page).locator('.jl-form');
      await form.locator('.jl-rate').waitFor();
      await form.getByRole('radio', { name: '满意', exact: true }).click();
      await form.getByRole('radio', { name: '满意，已选', exact: true }).waitFor();
      await form.locator('.jl-submit').click();
      await confirm(page, '评价', '确认评价');
      await residentWhere(page, '已办结');
      await detail(page).locator('.jl-detail__rating', { hasText: '满意' }).waitFor();
    });
  });

  test('8. the timeline names every step and its actor in order, for 王秀英 and for 周芳', async () => {
    await as(RESIDENT, detailRoute(id), async (page) => {
      await residentWhere(page, '已办结');
      await detail(page).getByRole('button', { name: /^查看办理经过/ }).click();
      // Organisations, not staff; only the steps that moved it; no 「（状态不变）」.
      expect(await timelineOf(page)).toEqual(RESIDENT_TIMELINE);
      await expect(detail(page).locator('.jl-timeline__states').count()).resolves.toBe(0);
      await screenshotWhole(page, '/tmp/dispatch-final.png');
    });
    await as(STAFF, detailRoute(id), async (page) => {
      await waitForStatus(page, '已办结');
      expect(await timelineOf(page)).toEqual(EXPECTED_TIMELINE);
      expect(await detail(page).locator('.jl-timeline__item .jl-timeline__states').allInnerTexts()).toEqual(EXPECTED_STATES);
    });
  });

  test('9. the outbox has the new-dispatch message to 赵敏 and the please-rate message to 王秀英', async () => {
    type Message = { touser: string; templateId: string; page?: string };
    const wanted = (m: Message[]) => ({
      newDispatch: m.some((x) => x.touser === LIAISON && x.templateId === 'TPL_NEW_DISPATCH' && x.page?.endsWith(`?id=${id}`)),
      pleaseRate: m.some((x) => x.touser === RESIDENT && x.templateId === 'TPL_PLEASE_RATE' && x.page?.endsWith(`?id=${id}`)),
    });
    // The notify timer sends the queued jobs within about a second; on a busy machine, later.
    const found = await eventually(
      async () => {
        const res = (await (await fetch(`${app.url}api/dev/outbox`)).json()) as { ok: boolean; data: Message[] };
        expect(res.ok).toBe(true);
        return wanted(res.data);
      },
      (f) => f.newDispatch && f.pleaseRate,
    );
    expect(found).toEqual({ newDispatch: true, pleaseRate: true });
  });
});
