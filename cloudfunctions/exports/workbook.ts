/**
 * The only exceljs import of `exports`: sheets of typed columns written with the streaming writer
 * (each row is committed as it is added, so a 100,000-row sheet is never a whole object model).
 * Dates are real Excel dates showing China time; numbers are numbers; rates are numbers with a
 * percent format.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { excelDate, type Cell, type Column, type SheetSpec } from '../core/exports';

const FORMAT: Partial<Record<Column['type'], string>> = { datetime: 'yyyy-mm-dd hh:mm', percent: '0.0%' };

function value(c: Cell, type: Column['type']): ExcelJS.CellValue {
  if (c === null || c === undefined || c === '') return null;
  if (type === 'datetime') return typeof c === 'number' ? excelDate(c) : null;
  return c;
}

/** One sheet's rows, given as parts (arrays of rows) read one after another. */
export interface SheetRows {
  spec: SheetSpec;
  parts: AsyncIterable<Cell[][]> | Iterable<Cell[][]>;
}

export async function writeWorkbook(sheets: SheetRows[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = '近邻';
  for (const { spec, parts } of sheets) {
    const ws = wb.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
      style: FORMAT[c.type] ? { numFmt: FORMAT[c.type] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const types = spec.columns.map((c) => c.type);
    for await (const rows of parts) {
      for (const r of rows) ws.addRow(r.map((c, i) => value(c, types[i]))).commit();
    }
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
