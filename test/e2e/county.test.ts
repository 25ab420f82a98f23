/**
 * Issue #13's acceptance, end to end through the H5 app from an empty deploy (JINLIN_SEED=0): the
 * first person enters the setup code on 我的 and is the admin; downloads the template, fills it by
 * script with a small county, sees the dry run count it and name the one bad row, fixes it and
 * imports with progress; the tree shows it. An invitation makes a newcomer a member of 县人社局,
 * who then sees the unit's claimable task; a resident binds to their building through its 楼栋码
 * and reports, and the demand reaches 东街社区's 待受理 queue.
 */
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';

import { startApp, type App } from './browser';
import { confirm, shown, steps } from './steps';

const SETUP_CODE = 'e2e-setup-code-0001';
const ADMIN = 'e2e-admin';
const STAFF = 'e2e-staff'; // 周芳, 东街社区 (by invitation, through the API)
const LIAISON = 'e2e-liaison'; // 赵敏, 县人社局 (by invitation, through the API)
const MEMBER = 'e2e-member'; // 张伟: a newcomer made a member of 县人社局 by invitation, through the pages
const RESIDENT = 'e2e-resident'; // 王秀英: binds through the 楼栋码
const MARKER = `E2E-${Date.now().toString(36)}`;
const TEXT = `幸福小区1号楼楼道灯坏了 ${MARKER}`;

jest.setTimeout(240_000);

let app: App;
const { as, post } = steps('county', () => app);

beforeAll(async () => {
  app = await startApp({ env: { JINLIN_SEED: '0', JINLIN_SETUP_CODE: SETUP_CODE } });
});
afterAll(() => app?.close());

const COMMUNITIES = [
  { name: '东街社区', code: '350622100001', estates: ['幸福小区', '和平小区'] },
  { name: '西街社区', code: '350622100002', estates: ['阳光小区', '康乐小区'] },
];

/** 1 town, 2 communities, 2 estates each, 2 buildings each, 6 households each building. */
function regionRows(): string[][] {
  const rows: string[][] = [];
  for (const c of COMMUNITIES)
    for (const e of c.estates)
      for (const b of [1, 2])
        for (let room = 1; room <= 6; room++) rows.push([rows.length ? '' : '青山县', '城关镇', '350622100000', c.name, c.code, e, `${e}${b}号楼`, `${100 + room}`]);
  return rows;
}

const UNITS = [
  ['县人社局', '就业、社保咨询', '东街社区'],
  ['县卫健局', '健康义诊、家庭医生', '西街社区'],
  ['县民政局', '社会救助、养老服务', '东街社区'],
  ['县民政局', '', '西街社区'],
];

/** 10 people with roles; `bad` gives the fourth a 10-digit phone (row 5 of the sheet). */
function peopleRows(bad: boolean): string[][] {
  return [
    ['周芳', '13900000001', '社区工作者', '', '东街社区'],
    ['李强', '13900000002', '书记', '', '东街社区'],
    ['王丽', '13900000003', '社区工作者', '', '西街社区'],
    ['赵敏', bad ? '1390000004' : '13900000004', '单位联络员', '县人社局', ''],
    ['钱进', '13900000005', '单位联络员', '县卫健局', ''],
    ['孙红', '13900000006', '单位联络员', '县民政局', ''],
    ['张伟', '13900000007', '党员', '县人社局', '东街社区'],
    ['刘洋', '13900000008', '党员', '县卫健局', '西街社区'],
    ['陈静', '13900000009', '网格员', '', '西街社区'],
    ['吴刚', '13900000010', '党员', '县民政局', ''],
  ];
}

const KEY_HOUSEHOLDS = [
  ['东街社区', '幸福小区', '幸福小区1号楼', '101', '独居老人', '每周', '钱阿婆', '13912340001', '', '耳背，请多敲几下'],
  ['东街社区', '和平小区', '和平小区2号楼', '105', '残疾人', '每两周', '孙大爷', '13912340002', '', ''],
  ['西街社区', '阳光小区', '阳光小区1号楼', '102', '空巢老人', '每月', '周奶奶', '13912340003', '', ''],
  ['西街社区', '康乐小区', '康乐小区2号楼', '106', '困难户', '每月', '吴叔', '13912340004', '', ''],
];

/** The downloaded template with its example rows replaced by the county. */
async function fill(template: Buffer, bad: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = { 地区与住户: regionRows(), 单位与结对: UNITS, 人员与角色: peopleRows(bad), 重点户: KEY_HOUSEHOLDS };
  for (const [title, rows] of Object.entries(sheets)) {
    const ws = wb.getWorksheet(title);
    if (!ws) throw new Error(`the template has no sheet ${title}`);
    if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The text box with this placeholder (Taro's input wraps the real <input>, which carries it too). */
const field = (scope: Page | Locator, placeholder: string) => scope.locator(`input[placeholder="${placeholder}"]`);
const button = (page: Page, text: string) => shown(page).locator('.at-button', { hasText: text }).filter({ visible: true }).first();

/** Chooses `bytes` as the workbook through the H5 file chooser the page opens. */
async function chooseFile(page: Page, buttonText: string, bytes: Buffer): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, buttonText).click()]);
  await chooser.setFiles({ name: 'county.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
}

async function register(page: Page, name: string, phone: string): Promise<void> {
  const form = shown(page).locator('.jl-form').filter({ has: field(page, '请输入姓名') });
  await field(form, '请输入姓名').fill(name);
  await field(form, '选填').fill(phone);
  await form.locator('.at-button', { hasText: '注册' }).click();
}

let template: Buffer;
const ids = { dongjie: '', xijie: '', renshe: '', building: '' };

describe('a real county from an empty deploy', () => {
  test('1. the first person registers and enters the setup code on 我的: they are the admin', async () => {
    await as(ADMIN, '/pages/me/index', async (page) => {
      await shown(page).getByText('第一次使用').waitFor();
      await register(page, '林海', '13900000099');
      await shown(page).getByText('本县还没有管理员').waitFor();
      await field(shown(page), '请输入初始化码').fill('wrong-code-0000');
      await button(page, '完成初始化').click();
      await shown(page).getByRole('alert').first().waitFor();
      await field(shown(page), '请输入初始化码').fill(SETUP_CODE);
      await button(page, '完成初始化').click();
      await shown(page).locator('.jl-profile').getByText('县委组织部').waitFor();
      await expect(shown(page).getByText('本县还没有管理员').count()).resolves.toBe(0);
      await shown(page).getByText('管理', { exact: true }).waitFor();
    });
  });

  test('2. an empty tree offers the import; the template downloads', async () => {
    await as(ADMIN, '/packages/admin/regions/index', async (page) => {
      await shown(page).getByText('还没有任何地区').waitFor();
      await button(page, '导入组织架构').click();
      await shown(page).getByText('1. 下载模板').waitFor();
      // H5 opens the template's URL: catch it instead of a new tab, and fetch it as a browser would.
      await page.evaluate(() => {
        (window as unknown as { opened: string[] }).opened = [];
        window.open = (url?: string | URL) => {
          (window as unknown as { opened: string[] }).opened.push(String(url));
          return null;
        };
      });
      await button(page, '下载模板').click();
      const url = await (await page.waitForFunction(() => (window as unknown as { opened: string[] }).opened[0])).jsonValue();
      const res = await fetch(new URL(String(url), app.url));
      expect(res.ok).toBe(true);
      template = Buffer.from(await res.arrayBuffer());
    });
    expect(template.subarray(0, 2).toString()).toBe('PK');
  });

  test('3. the dry run counts the county and names the bad row; fixed, it imports with progress', async () => {
    await as(ADMIN, '/packages/admin/import/index', async (page) => {
      await chooseFile(page, '选择文件', await fill(template, true));
      const report = shown(page).locator('.jl-section', { hasText: '预检结果' });
      await report.waitFor({ timeout: 60_000 });
      await report.locator('.jl-kv', { hasText: '地区与住户' }).getByText('新建 48 · 修改 0 · 不变 0 · 有问题 0').waitFor();
      await report.locator('.jl-kv', { hasText: '人员与角色' }).getByText('新建 9 · 修改 0 · 不变 0 · 有问题 1').waitFor();
      await report.locator('.jl-kv', { hasText: '重点户' }).getByText('新建 4 · 修改 0 · 不变 0 · 有问题 0').waitFor();
      await report.getByText(/人员与角色 第 5 行 「手机号」：/).waitFor();

      await chooseFile(page, '重新选择文件', await fill(template, false));
      await report.getByText('没有发现问题。').waitFor({ timeout: 60_000 });
      await report.locator('.jl-kv', { hasText: '人员与角色' }).getByText('新建 10 · 修改 0 · 不变 0 · 有问题 0').waitFor();
      await button(page, '导入').click();
      const applied = shown(page).locator('.jl-section', { hasText: '3. 导入' });
      await applied.getByText(/导入完成：共 \d+ 行/).waitFor({ timeout: 120_000 });
      await applied.locator('.jl-kv', { hasText: '人员与角色' }).getByText('新建 10 · 修改 0 · 不变 0 · 有问题 0').waitFor();
    });
  });

  test('4. the tree shows the county level by level with counts', async () => {
    await as(ADMIN, '/packages/admin/regions/index', async (page) => {
      await shown(page).getByText('青山县（县）').waitFor();
      await shown(page).locator('.jl-admin-row', { hasText: '城关镇' }).getByText('2 个社区').waitFor();
      await shown(page).getByText('城关镇 ›').click();
      await shown(page).getByText('城关镇（镇街）').waitFor();
      await shown(page).locator('.jl-admin-row', { hasText: '东街社区' }).getByText('2 个小区 · 350622100001').waitFor();
      await shown(page).getByText('东街社区 ›').click();
      await shown(page).locator('.jl-admin-row', { hasText: '幸福小区' }).getByText('2 个楼栋').waitFor();
      // A building lists its households by room: one is relabelled in place, one archived.
      await shown(page).getByText('幸福小区 ›').click();
      await shown(page).getByText('幸福小区2号楼 ›').click();
      await shown(page).getByText('共 6 户').waitFor();
      const row = (room: string) => shown(page).locator('.jl-admin-row', { has: page.getByText(room, { exact: true }) });
      await row('105').locator('.at-button', { hasText: '修改' }).click();
      await field(row('105'), '如 户主姓氏').fill('王');
      await row('105').locator('.at-button', { hasText: '保存' }).click();
      await shown(page).getByText('105（王）', { exact: true }).waitFor();
      await row('106').locator('.at-button', { hasText: '归档' }).click();
      await confirm(page, '归档住户', '归档');
      await shown(page).getByText('共 5 户').waitFor();
      await shown(page).getByRole('radio', { name: '已归档', exact: true }).click();
      await shown(page).getByText('106', { exact: true }).waitFor();
    });
    const tree = await post<{ children: { children: { _id: string; name: string }[] }[] }[]>('org', { action: 'regionTree', depth: 3 }, ADMIN);
    const communities = tree[0].children[0].children;
    ids.dongjie = communities.find((c) => c.name === '东街社区')!._id;
    ids.xijie = communities.find((c) => c.name === '西街社区')!._id;
    const units = await post<{ _id: string; name: string; communityIds: string[] }[]>('org', { action: 'listUnits' }, ADMIN);
    expect(units.map((u) => u.name).sort()).toEqual(['县人社局', '县卫健局', '县民政局']);
    expect(units.find((u) => u.name === '县民政局')!.communityIds.sort()).toEqual([ids.dongjie, ids.xijie].sort());
    ids.renshe = units.find((u) => u.name === '县人社局')!._id;
  });

  test('5. 楼栋码: one code per building of 东街社区, printable', async () => {
    await as(ADMIN, '/packages/admin/poster/index', async (page) => {
      await shown(page).getByRole('radio', { name: '东街社区', exact: true }).click();
      await shown(page).getByText('东街社区 楼栋码（4 栋）').waitFor();
      await expect(shown(page).locator('.jl-poster__card').count()).resolves.toBe(4);
      await shown(page).locator('.jl-poster__card', { hasText: '幸福小区1号楼' }).locator('img').waitFor();
      await button(page, '打印').waitFor();
    });
    const poster = await post<{ buildings: { buildingId: string; name: string }[] }>('org', { action: 'buildingPoster', communityId: ids.dongjie }, ADMIN);
    ids.building = poster.buildings.find((b) => b.name === '幸福小区1号楼')!.buildingId;
  });

  test('6. a resident scans the 楼栋码, registers, binds in one tap and reports: it reaches 东街社区 待受理', async () => {
    await as(RESIDENT, `/packages/me/building/index?scene=${ids.building}`, async (page) => {
      await shown(page).locator('.jl-kv', { hasText: '社区' }).first().getByText('东街社区').waitFor();
      await shown(page).getByText('幸福小区1号楼').first().waitFor();
      await register(page, '王秀英', '13900000021');
      await button(page, '绑定到此楼栋').click();
      await shown(page).getByText('已绑定到此楼栋').waitFor();
      await button(page, '我要反映').click();
      const form = shown(page).locator('.jl-form');
      await form.getByText('1. 反映哪一类事情').waitFor();
      await form.getByRole('radio', { name: '设施维修', exact: true }).click();
      await form.locator('textarea').fill(TEXT);
      await form.locator('.jl-submit').click();
      await page.waitForURL(/\/packages\/dispatch\/detail\/index\?id=/);
    });
    // 周芳 and 赵敏 take their roles by invitation (the pages walk it for 张伟 below); the import
    // held the same roles for their phones.
    for (const [who, name, phone, role, scope] of [
      [STAFF, '周芳', '13900000001', 'staff', { communityId: ids.dongjie }],
      [LIAISON, '赵敏', '13900000004', 'liaison', { unitId: ids.renshe }],
    ] as const) {
      const inv = await post<{ code: string }>('org', { action: 'createInvitation', role, ...scope, days: 7, maxUses: 1 }, ADMIN);
      await post('org', { action: 'register', name, phone }, who);
      await post('org', { action: 'acceptInvitation', code: inv.code }, who);
    }
    await as(STAFF, '/pages/dispatch/index', async (page) => {
      await shown(page).locator('.jl-section', { hasText: '待受理' }).getByText(MARKER).waitFor();
    });
  });

  test('7. an invitation for a 县人社局 member: a newcomer accepts it and sees the unit’s claimable task', async () => {
    let code = '';
    await as(ADMIN, '/packages/admin/invite/index', async (page) => {
      await shown(page).getByRole('radio', { name: '党员，已选', exact: true }).waitFor(); // the first role offered
      await shown(page).getByRole('radio', { name: '县人社局', exact: true }).click();
      await button(page, '生成邀请').click();
      await shown(page).getByText('邀请已生成').waitFor();
      await shown(page).locator('.jl-invitation img').waitFor();
      code = (await shown(page).locator('.jl-code__text').first().innerText()).trim();
      await shown(page).locator('.jl-admin-row', { hasText: code }).getByText('党员 · 县人社局 · 有效').waitFor();
    });
    expect(code).toMatch(/^[A-Z0-9]{10}$/);

    const [demand] = (await post<{ items: { _id: string }[] }>('dispatch', { action: 'list', scope: 'triage' }, STAFF)).items;
    await post('dispatch', { action: 'dispatch', id: demand._id, unitId: ids.renshe, slots: 1, expectedHours: 1 }, STAFF);
    await post('dispatch', { action: 'accept', id: demand._id }, LIAISON);

    await as(MEMBER, `/packages/me/join/index?scene=${code}`, async (page) => {
      await shown(page).locator('.jl-kv', { hasText: '角色' }).getByText('党员 · 县人社局').waitFor();
      await register(page, '张伟', '13900000007');
      await button(page, '接受邀请').click();
      await confirm(page, '接受邀请', '接受');
      await shown(page).getByText(/已接受邀请，您现在是：.*党员/).waitFor();
      await button(page, '去看派单').click();
      const claimable = shown(page).getByRole('radio', { name: /^可认领/ });
      await shown(page).locator('.jl-segments').waitFor();
      if (await claimable.count()) await claimable.first().click();
      // The task shows in the 可认领 queue (with its count) and in the 可认领 list below it.
      await shown(page).locator('.jl-section', { hasText: '可认领' }).getByText(MARKER).first().waitFor();
    });
  });

  test('8. 操作日志 lists the setup and the import', async () => {
    await as(ADMIN, '/packages/admin/audit/index', async (page) => {
      await shown(page).locator('.jl-audit-row', { hasText: '初始化' }).first().waitFor();
      await shown(page).locator('.jl-audit-row', { hasText: '生成邀请' }).first().waitFor();
      await shown(page).getByRole('radio', { name: '导入', exact: true }).click();
      // Filtered by kind, the invitations leave the list and the import stays.
      await page.waitForFunction(() => {
        const rows = Array.from(document.querySelectorAll('.taro_page_show .jl-audit-row')).map((r) => r.textContent ?? '');
        return rows.length > 0 && rows.every((t) => !t.includes('生成邀请'));
      });
      await shown(page).locator('.jl-audit-row', { hasText: '导入' }).first().waitFor();
    });
  });
});
