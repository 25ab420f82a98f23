/**
 * imports.apply: applies the rows the dry run passed, in chunks. Each call takes the job's lease,
 * reads the file again (refusing it if it changed since the dry run), reads the world, and applies
 * rows from where the job stands — one transaction per row — until its time budget is spent; then
 * it saves the position and answers progress. The app calls again until `finished`.
 *
 * Resuming after a crash: progress is saved every SAVE_EVERY rows, so a call that died redoes at
 * most that many rows; each row is idempotent by its natural keys (and the ids made from them), so
 * a redone row finds its documents and writes nothing (it then counts as unchanged).
 *
 * The time budget counts from when the file (cached by a warm instance) and the world have been
 * read — a few seconds for a county — so that every call moves the import on by about the same
 * amount; reading + budget stays well inside 60 s (the bench measures both).
 */
import type { BadRow, ImportJob } from '../../types/imports';
import { newRun, planRow, remember, type PlanContext, type Write } from '../core/import-plan';
import type { ImportRecord } from '../core/import-rows';
import { audit } from '../lib/audit';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { requireAdmin } from './access';
import { workbookAt } from './dry-run';
import { byImport } from './schemas';
import { claimJob, loadJob, loadWorld, saveProgress, writeRows } from './store';
import { progressOf, reportOf } from './views';

type H = Handlers<'imports'>;

/**
 * How long one call applies rows: 20 s leaves room within CloudBase's 60 s limit for reading the
 * file and the world (a few seconds for a county) and a cold start. IMPORT_CHUNK_MS overrides it
 * (tests use a small budget to force many chunks).
 */
export function chunkBudgetMs(env: string | undefined = process.env.IMPORT_CHUNK_MS): number {
  const n = Number(env);
  return Number.isFinite(n) && n > 0 ? n : 20_000;
}

/** A call holds the job this long at most: the platform has killed it by then. */
const LEASE_MS = 70_000;
const SAVE_EVERY = 500;
/**
 * Rows are written in batches, one transaction each (so each row is all or nothing, and so is its
 * batch): a transaction per row would cost a commit per row. A batch ends after the row that
 * takes it to BATCH_WRITES documents, or after BATCH_ROWS rows (rows that change nothing write
 * nothing, and the time budget is checked between batches).
 */
const BATCH_WRITES = 50;
const BATCH_ROWS = 200;
/** Failures kept in the job (the rest are counted). */
const MAX_FAILURES = 500;

/** The rows to apply, in order: every parsed record the dry run did not refuse. */
function toApply(job: ImportJob, records: ImportRecord[]): ImportRecord[] {
  const refused = Object.fromEntries(Object.entries(job.refused).map(([s, rows]) => [s, new Set(rows)]));
  return records.filter((r) => !refused[r.sheet]?.has(r.row));
}

export const apply: H['apply'] = {
  input: byImport,
  async run({ importId }, ctx) {
    requireAdmin(ctx.actor);
    const job = await loadJob(importId);
    if (!job) throw refuse.notFound('导入任务');
    if (job.status === 'finished') return progressOf(job);
    if (job.tooManyBad) throw new AppError('INVALID_STATE', '有问题的行太多，请修正工作簿后重新预检');
    const started = Date.now();
    const lease = newId();
    if (!(await claimJob(importId, lease, started, started + LEASE_MS))) return progressOf((await loadJob(importId)) ?? job, true);

    const { hash, sheets } = await workbookAt(job.fileId);
    if (hash !== job.fileHash) {
      await saveProgress(importId, lease, { lease: null, leaseUntil: 0, saves: job.saves + 1 });
      throw new AppError('INVALID_STATE', '工作簿在预检之后被改动过，请重新预检');
    }
    const rows = toApply(job, sheets.flatMap((s) => s.records));
    const world = await loadWorld(rows.slice(job.done));
    const pc: PlanContext = { importId, now: ctx.now, by: { openid: ctx.openid, name: ctx.user.name } };
    const run = newRun();
    let applied = structuredClone(job.applied);
    let failures: BadRow[] = [...job.failures];
    let done = job.done;
    let saves = job.saves;
    const save = async (extra: Partial<ImportJob> = {}) => {
      saves++;
      if (!(await saveProgress(importId, lease, { done, applied, failures, saves, ...extra }))) {
        throw refuse.conflict('导入任务正由另一次调用处理，请稍后查看进度');
      }
    };
    // The budget is for writing: reading the file and the world comes before it (see above).
    const deadline = Date.now() + chunkBudgetMs();
    let sinceSave = 0;
    // At least one batch per call, so that a call always moves the import on.
    do {
      const before = { done, applied: structuredClone(applied), failures: [...failures] };
      const writes: Write[] = [];
      const batchEnd = Math.min(rows.length, done + BATCH_ROWS);
      while (done < batchEnd && writes.length < BATCH_WRITES) {
        const rec = rows[done];
        const plan = planRow(world, rec, run, pc);
        if (plan.ok) {
          writes.push(...plan.writes);
          remember(world, plan.writes);
          applied[rec.sheet][plan.outcome]++;
        } else {
          applied[rec.sheet].bad++;
          if (failures.length < MAX_FAILURES) failures.push({ sheet: rec.sheet, row: rec.row, ...plan.problem });
        }
        applied[rec.sheet].rows++;
        done++;
      }
      try {
        await writeRows(writes, ctx.openid, ctx.now);
      } catch (e) {
        // Nothing of the batch was written: save where the job stood before it, let go, refuse.
        ({ done, applied, failures } = before);
        await save({ status: 'applying', lease: null, leaseUntil: 0 });
        throw e;
      }
      sinceSave += done - before.done;
      if (sinceSave >= SAVE_EVERY && done < rows.length) {
        await save({ status: 'applying', startedAt: job.startedAt ?? ctx.now });
        sinceSave = 0;
      }
    } while (done < rows.length && Date.now() < deadline);
    const finished = done >= rows.length;
    const end: Partial<ImportJob> = {
      status: finished ? 'finished' : 'applying',
      startedAt: job.startedAt ?? ctx.now,
      finishedAt: finished ? new Date() : null,
      calls: job.calls + 1,
      lease: null,
      leaseUntil: 0,
    };
    await save(end);
    const next = { ...job, ...end, done, applied, failures, saves } as ImportJob;
    if (finished) {
      // One entry per import, when it is complete: what it did, sheet by sheet.
      await audit(
        {
          actor: { openid: ctx.openid, name: ctx.user.name },
          action: 'applyImport',
          target: { kind: 'import', id: importId, name: job.fileId.split('/').pop() },
          before: null,
          after: { applied, total: job.total, calls: next.calls, failures: failures.length },
          scope: {},
        },
        new Date(),
      );
    }
    return progressOf(next);
  },
};

export const status: H['status'] = {
  input: byImport,
  async run({ importId }, ctx) {
    requireAdmin(ctx.actor);
    const job = await loadJob(importId);
    if (!job) throw refuse.notFound('导入任务');
    return reportOf(job);
  },
};
