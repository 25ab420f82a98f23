/**
 * imports.dryRun: reads the workbook, checks every row, plans it against the database (and the
 * rows before it), and stores the job with its report. Writes nothing but the job.
 */
import crypto from 'node:crypto';
import type { BadRow, ImportJob, ImportSheet, SheetCounts } from '../../types/imports';
import { newRun, planRow, remember, SHEET_ORDER, type PlanContext } from '../core/import-plan';
import { refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { download } from '../lib/storage';
import { requireAdmin } from './access';
import { parseSheets, type ParsedSheet } from './rows';
import { dryRunInput } from './schemas';
import { loadWorld, saveJob } from './store';
import { reportOf } from './views';
import { readWorkbook } from './workbook';

type H = Handlers<'imports'>;

/** Bad rows listed in the report (the job document stays far below the database's 512 KB). */
export const MAX_BAD_ROWS = 1000;
/** Bad row numbers kept so that apply skips them; beyond this the file must be fixed first. */
export const MAX_REFUSED = 20000;

export const emptyCounts = (): Record<ImportSheet, SheetCounts> =>
  Object.fromEntries(SHEET_ORDER.map((s) => [s, { rows: 0, create: 0, change: 0, unchanged: 0, bad: 0 }])) as Record<ImportSheet, SheetCounts>;

export const hashOf = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * The last workbook parsed by this function instance, by its hash: parsing 50,000 rows takes
 * seconds, and a warm instance serves the next apply call of the same import.
 */
let lastParsed: { hash: string; sheets: ParsedSheet[] } | null = null;

/** Reads a stored workbook: NOT_FOUND when there is none, INVALID_INPUT when it is no xlsx. */
export async function workbookAt(fileId: string): Promise<{ hash: string; sheets: ParsedSheet[] }> {
  const bytes = await download(fileId);
  if (!bytes) throw refuse.notFound('工作簿');
  const hash = hashOf(bytes);
  if (lastParsed?.hash !== hash) lastParsed = { hash, sheets: parseSheets(await readWorkbook(bytes)) };
  return lastParsed;
}

export const dryRun: H['dryRun'] = {
  input: dryRunInput,
  async run({ fileId }, ctx) {
    requireAdmin(ctx.actor);
    const { hash, sheets } = await workbookAt(fileId);
    const world = await loadWorld(sheets.flatMap((s) => s.records));
    const importId = newId();
    const pc: PlanContext = { importId, now: ctx.now, by: { openid: ctx.openid, name: ctx.user.name } };
    const run = newRun();
    const planned = emptyCounts();
    const bad: BadRow[] = [];
    for (const s of sheets) {
      const counts = planned[s.sheet];
      counts.rows = s.rows;
      const sheetBad = [...s.bad];
      for (const rec of s.records) {
        const plan = planRow(world, rec, run, pc);
        if (!plan.ok) {
          sheetBad.push({ sheet: s.sheet, row: rec.row, ...plan.problem });
          continue;
        }
        counts[plan.outcome]++;
        remember(world, plan.writes);
      }
      sheetBad.sort((a, b) => a.row - b.row);
      counts.bad = sheetBad.filter((b) => b.row > 1).length;
      bad.push(...sheetBad);
    }
    const refusedCount = bad.filter((b) => b.row > 1).length;
    const tooManyBad = refusedCount > MAX_REFUSED;
    const refused = Object.fromEntries(
      SHEET_ORDER.map((sheet) => [sheet, tooManyBad ? [] : [...new Set(bad.filter((b) => b.sheet === sheet && b.row > 1).map((b) => b.row))]]),
    ) as Record<ImportSheet, number[]>;
    const total = SHEET_ORDER.reduce((n, s) => n + planned[s].create + planned[s].change + planned[s].unchanged, 0);
    const job: ImportJob = {
      _id: importId,
      fileId,
      fileHash: hash,
      status: 'planned',
      createdAt: ctx.now,
      createdBy: pc.by,
      planned,
      badRows: bad.slice(0, MAX_BAD_ROWS),
      badRowsOmitted: Math.max(0, bad.length - MAX_BAD_ROWS),
      refused,
      tooManyBad,
      total,
      done: 0,
      applied: emptyCounts(),
      failures: [],
      lease: null,
      leaseUntil: 0,
      startedAt: null,
      finishedAt: null,
      calls: 0,
      saves: 0,
    };
    await saveJob(job);
    return reportOf(job);
  },
};
