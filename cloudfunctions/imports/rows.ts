/**
 * A workbook's rows in the order they are planned and applied, each parsed into a record or
 * refused. The dry run and every apply call read the file through this, so both see the same rows.
 */
import type { BadRow, ImportSheet } from '../../types/imports';
import { SHEET_ORDER } from '../core/import-plan';
import { missingColumns, parseRow, type ImportRecord } from '../core/import-rows';
import type { SheetRows } from './workbook';

export interface ParsedSheet {
  sheet: ImportSheet;
  /** Data rows read. */
  rows: number;
  records: ImportRecord[];
  bad: BadRow[];
}

export function parseSheets(sheets: SheetRows[]): ParsedSheet[] {
  return SHEET_ORDER.map((sheet) => {
    const found = sheets.find((s) => s.sheet === sheet);
    const out: ParsedSheet = { sheet, rows: found?.rows.length ?? 0, records: [], bad: [] };
    if (!found) return out;
    const missing = missingColumns(sheet, found.headers);
    if (missing.length) {
      // Without a required column no row of the sheet can be read: the header row says why, and
      // each row is refused for it.
      for (const column of missing) out.bad.push({ sheet, row: 1, column, reason: `缺少必填列「${column}」（请使用模板的表头）` });
      for (const r of found.rows) out.bad.push({ sheet, row: r.row, column: missing[0], reason: `本表缺少必填列「${missing[0]}」` });
      return out;
    }
    for (const raw of found.rows) {
      const parsed = parseRow(sheet, raw);
      if (parsed.ok) out.records.push(parsed.record);
      else out.bad.push({ sheet, row: raw.row, ...parsed.problem });
    }
    return out;
  });
}
