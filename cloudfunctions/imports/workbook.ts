/**
 * The only module that touches exceljs: reading an uploaded workbook into rows of text, and
 * writing the template. Cells are read as the text a person sees, so a phone or a division code
 * typed as a number (13800001001, 350622103001) reads the same as one typed as text.
 */
import ExcelJS from 'exceljs';
import type { ImportSheet } from '../../types/imports';
import { NOTES_TITLE, SHEETS, CARE_CATEGORY_WORDS, CARE_LEVEL_WORDS, ROLE_WORDS } from '../core/import-sheets';
import type { RawRow } from '../core/import-rows';
import { refuse } from '../lib/errors';

/** The biggest workbook accepted: a county of 50,000 households is about 2 MB. */
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;

export interface SheetRows {
  sheet: ImportSheet;
  headers: string[];
  rows: RawRow[];
}

/** An .xlsx is a zip: it starts with the local file header PK\x03\x04. */
export function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const NOT_XLSX = '文件不是 Excel 工作簿（.xlsx），请用模板填写后另存为 .xlsx 再上传';

/** Size and signature: refused before anything parses it. */
export function checkWorkbookBytes(bytes: Buffer): void {
  if (bytes.length > MAX_WORKBOOK_BYTES) throw refuse.invalid('工作簿不能超过 5 MB，请分成几个文件导入');
  if (!looksLikeXlsx(bytes)) throw refuse.invalid(NOT_XLSX);
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim(); // hyperlinks
    if ('result' in v) return text(v.result as ExcelJS.CellValue); // formulas: their value
    if ('error' in v) return '';
  }
  return String(v).trim();
}

/** Reads every known sheet: headers from row 1, then each non-blank row as cells by header. */
export async function readWorkbook(bytes: Buffer): Promise<SheetRows[]> {
  checkWorkbookBytes(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse.invalid(NOT_XLSX);
  }
  const out: SheetRows[] = [];
  for (const spec of SHEETS) {
    const ws = wb.getWorksheet(spec.title);
    if (!ws) continue;
    const headers: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (c, col) => {
      headers[col - 1] = text(c.value);
    });
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (r, n) => {
      if (n === 1) return;
      const cells: Record<string, string> = {};
      let any = false;
      headers.forEach((h, i) => {
        if (!h) return;
        const v = text(r.getCell(i + 1).value);
        cells[h] = v;
        if (v) any = true;
      });
      if (any) rows.push({ row: n, cells });
    });
    out.push({ sheet: spec.sheet, headers: headers.filter(Boolean), rows });
  }
  if (!out.length) throw refuse.invalid(`工作簿里没有可导入的表：表名应为 ${SHEETS.map((s) => `「${s.title}」`).join('、')}（请使用模板）`);
  return out;
}

/** Rows to write into a sheet, by kind (the template's examples, or a generated county). */
export type SheetData = Partial<Record<ImportSheet, string[][]>>;

/**
 * A workbook in the import format: the notes sheet, then one sheet per kind with its headers and
 * `data` (the template passes one example row each). Code and phone columns are text cells.
 */
export async function writeWorkbook(data: SheetData, withNotes = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '近邻';
  if (withNotes) writeNotes(wb.addWorksheet(NOTES_TITLE));
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.title);
    ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.header, width: Math.max(12, c.header.length * 3), style: c.text ? { numFmt: '@' } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const row of data[spec.sheet] ?? []) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeNotes(ws: ExcelJS.Worksheet): void {
  ws.columns = [{ width: 16 }, { width: 16 }, { width: 10 }, { width: 90 }];
  const add = (cells: string[], bold = false) => {
    const r = ws.addRow(cells);
    if (bold) r.font = { bold: true };
  };
  add(['近邻 · 组织架构导入模板'], true);
  add(['先「预检」：系统逐行检查并列出将新建、修改、不变的数量和每一个有问题的行（行号、列、原因）；确认后再「导入」。同一文件导入两次，第二次不会有任何改动。有问题的行不会写入。']);
  add([]);
  add(['表', '列', '必填', '说明'], true);
  for (const spec of SHEETS) {
    add([spec.title, '', '', spec.about], true);
    for (const c of spec.columns) add(['', c.header, c.required ? '是' : '', c.note]);
  }
  add([]);
  add(['代码表'], true);
  add(['关爱类别', '', '', Object.values(CARE_CATEGORY_WORDS).join('、')]);
  add(['走访频次', '', '', Object.values(CARE_LEVEL_WORDS).join('、')]);
  add(['角色', '', '', Object.values(ROLE_WORDS).join('、')]);
  add(['统计用区划代码', '', '', '12 位：前 6 位县，7–9 位镇街，10–12 位村（社区）；镇街级代码以 000 结尾。可在国家统计局「统计用区划和城乡划分代码」中查到。']);
}
