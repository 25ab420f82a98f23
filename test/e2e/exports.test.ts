/**
 * Issue #11's export, end to end through the H5 app: the county admin goes from 管理 to 导出与月报,
 * exports the month's 三率, follows its progress to 已完成 and downloads the workbook — the browser's
 * download event fires and the file parses with exceljs: the 三率 sheet, Chinese headers, a row
 * per community and unit whose figures are the 三率 the app shows (numbers, rates as fractions).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

import type { Scorecard } from '../../types/dispatch';
import { startApp, WAIT, type App } from './browser';
import { shown, steps } from './steps';

const ADMIN = 'demo-admin';

jest.setTimeout(240_000);

let app: App;
const { as, post } = steps('exports', () => app);

beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

const month = (() => {
  const cst = new Date(Date.now() + 8 * 3_600_000);
  return `${cst.getUTCFullYear()}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
})();

test("the county admin exports the month's 三率 and the file downloads", async () => {
  const bytes = await as(ADMIN, '/packages/admin/index/index', async (page) => {
    await shown(page).getByText('导出与月报', { exact: true }).click();
    await shown(page).getByText('新建导出').waitFor();
    await expect(shown(page).getByRole('radio', { name: '三率，已选' }).count()).resolves.toBe(1);
    await shown(page).locator('.at-button', { hasText: '导出 Excel' }).click();
    await shown(page).getByText(/已完成，共 \d+ 行/).first().waitFor({ timeout: WAIT });
    const download = shown(page).locator('.at-button', { hasText: `下载 三率 ${month}` }).first();
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), download.click()]);
    expect(file.suggestedFilename()).toBe(`三率_${month}.xlsx`);
    return fs.readFileSync((await file.path())!);
  });
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('三率')!;
  expect((ws.getRow(1).values as string[]).slice(1, 7)).toEqual(['类型', '名称', '月份', '派单数', '按时接单数', '响应率']);
  const rows = new Map<string, ExcelJS.CellValue[]>();
  ws.eachRow((r, n) => {
    if (n > 1) rows.set(String(r.getCell(2).value), (r.values as ExcelJS.CellValue[]).slice(1));
  });
  const dongjie = rows.get('东街社区')!;
  expect(dongjie).toBeTruthy();
  const card = await post<Scorecard>('dispatch', { action: 'scorecard', scope: 'community', id: 'c-dongjie', month }, ADMIN);
  expect(dongjie[3]).toBe(card.dispatched);
  expect(dongjie[4]).toBe(card.acceptedWithinSla);
  expect(dongjie[5] ?? null).toBe(card.responseRate);
  expect(typeof dongjie[3]).toBe('number');
});
