/** Fixtures for the import tests: workbooks built in memory, uploaded and dry-run as the admin. */
import ExcelJS from 'exceljs';
import type { ImportReport } from '../../types/imports';
import { writeWorkbook, type SheetData } from '../../cloudfunctions/imports/workbook';
import { PEOPLE, type Harness } from './harness';

export { writeWorkbook };

/** A workbook with the given sheets exactly as written (header row first): for broken formats. */
export async function rawWorkbook(sheets: Record<string, string[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [title, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(title);
    rows.forEach((r) => ws.addRow(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function uploadBytes(h: Harness, bytes: Buffer): Promise<string> {
  return (await h.ok(PEOPLE.admin, 'imports', 'upload', { base64: bytes.toString('base64') })).fileID;
}

export async function dryRun(h: Harness, bytes: Buffer): Promise<ImportReport> {
  return h.ok(PEOPLE.admin, 'imports', 'dryRun', { fileId: await uploadBytes(h, bytes) });
}

/** Calls apply until the import is finished; returns every progress answer. */
export async function applyAll(h: Harness, importId: string) {
  const progress = [];
  for (let i = 0; i < 10_000; i++) {
    const p = await h.ok(PEOPLE.admin, 'imports', 'apply', { importId });
    progress.push(p);
    if (p.finished) return progress;
  }
  throw new Error('import never finished');
}

/**
 * A small county in the import format: a new street (城南街道, coded) with two communities, and
 * rows in the demo's 东街社区 (uncoded, by name); a new unit paired by code; people (one already in
 * the app, one not); a key household with a visitor.
 */
export const COUNTY: SheetData = {
  regions: [
    ['', '城南街道', '350622104000', '南门社区', '350622104001', '南门小区', '南门小区1号楼', '101'],
    ['', '城南街道', '350622104000', '南门社区', '350622104001', '南门小区', '南门小区1号楼', '102'],
    ['', '城南街道', '350622104000', '塔山社区', '350622104002', '塔山花园', '塔山花园2号楼', '301'],
    ['青山县', '城关镇', '', '东街社区', '', '幸福小区', '幸福小区1号楼', '401'],
    ['', '城南街道', '350622104000', '塔山社区', '350622104002', '', '', ''],
  ],
  units: [
    ['县民政局', '社会救助、养老服务', '350622104001'],
    ['县民政局', '', '塔山社区'],
    ['县人社局', '', '南门社区'],
  ],
  people: [
    ['王秀英', '13800001001', '网格员', '', '东街社区'],
    ['陈新', '13900009001', '党员', '县民政局', '南门社区'],
    ['陈新', '13900009001', '单位联络员', '县民政局', ''],
  ],
  keyHouseholds: [
    ['东街社区', '幸福小区', '幸福小区1号楼', '401', '独居老人、残疾人', '每周', '钱阿婆', '13912340001', '13800004002', '耳背，请多敲几下'],
  ],
};
