/**
 * An export job, call by call: `start` authorises the request like a read of the same rows and
 * stores the job; every call (`start`'s first, then `continue`) takes the job's lease, counts the
 * rows once, reads pages of a thousand after the job's cursor until its time budget is spent,
 * stores what it read as one part and saves the cursor; the call after the last page writes the
 * workbook from the parts (streaming, a row at a time), uploads it and logs the export (who, what,
 * how many rows). A call that dies leaves the lease to expire; the next call redoes its chunk.
 */
import type { ExportView } from '../../types/exports';
import { isAdmin, liaisonUnits, staffCommunities, townsOf, type Actor } from '../core/actor';
import { exportScope, exportTitle, mayReadPack, monthRange, type Cell } from '../core/exports';
import { audit } from '../lib/audit';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { tempUrls, upload } from '../lib/storage';
import { byId, listInput, startInput } from './schemas';
import { countOf, cursorAfter, packSource, readPage, sourceOf, type Source } from './sources';
import {
  claimJob,
  communitiesOfTowns,
  listMine,
  listPacks,
  loadJob,
  loadOrg,
  loadPart,
  namesOf,
  saveJob,
  savePart,
  saveProgress,
  type ExportJob,
} from './store';
import { toView } from './views';
import { writeWorkbook } from './workbook';

type H = Handlers<'exports'>;

/** How long one call reads rows: well inside CloudBase's 60 s, leaving room to write. EXPORT_CHUNK_MS overrides it. */
export function chunkBudgetMs(env: string | undefined = process.env.EXPORT_CHUNK_MS): number {
  const n = Number(env);
  return Number.isFinite(n) && n > 0 ? n : 20_000;
}

/** The platform has killed a call by then. */
const LEASE_MS = 70_000;
/** Documents per read (a cloud function's most). */
const PAGE = 1000;

function sourceOfJob(job: ExportJob): Source {
  if (job.pack) return packSource(job.pack.month, job.scope, job.names);
  return sourceOf(job.request!, job.scope, job.names);
}

async function* partsOf(ids: string[]): AsyncIterable<Cell[][]> {
  for (const id of ids) yield await loadPart(id);
}

const FILE_SAFE = /[^\w\u4e00-\u9fa5-]+/g;

/**
 * One call's work on a job: a chunk of rows, or the workbook. `by` is who the call is for (the
 * owner, or 'system' for the pack's timer). Answers the job as it now stands.
 */
export async function advance(job: ExportJob, now: Date): Promise<ExportJob & { busy?: boolean }> {
  if (job.status !== 'running') return job;
  const started = Date.now();
  const lease = newId();
  if (!(await claimJob(job._id, lease, started, started + LEASE_MS))) return { ...((await loadJob(job._id)) ?? job), busy: true };
  const src = sourceOfJob(job);
  const next: ExportJob = { ...job, lease: null, leaseUntil: 0, calls: job.calls + 1 };
  try {
    if (next.total < 0) next.total = await countOf(src);
    const budget = chunkBudgetMs();
    if (!next.read) {
      const rows: Cell[][] = [];
      do {
        const docs = await readPage(src, next.cursor, PAGE);
        rows.push(...(await src.rows(docs, now)));
        if (docs.length) next.cursor = cursorAfter(src, docs[docs.length - 1]);
        if (docs.length < PAGE) next.read = true;
      } while (!next.read && Date.now() - started < budget);
      if (rows.length) next.parts = [...next.parts, await savePart(job._id, next.parts.length, rows)];
      next.done += rows.length;
      // Rows added since the count (a live county) raise the total rather than pass it.
      next.total = Math.max(next.total, next.done);
    }
    // The workbook: in this call if the reading left half the budget, else in the next (which does nothing else).
    if (next.read && (job.read || Date.now() - started < budget / 2)) {
      const tails = src.tail ? await src.tail() : [];
      const bytes = await writeWorkbook(src.sheets.map((spec, i) => ({ spec, parts: i === 0 ? partsOf(next.parts) : [tails[i - 1] ?? []] })));
      const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
      next.fileId = await upload(`exports/${job._id}/${job.kind}-${stamp}.xlsx`, bytes);
      next.fileName = `${job.title.replace(FILE_SAFE, '_')}.xlsx`;
      next.status = 'finished';
      next.finishedAt = new Date();
    }
  } catch (e) {
    await saveProgress(job._id, lease, { lease: null, leaseUntil: 0 });
    throw e;
  }
  const { _id, ...fields } = next;
  void _id;
  if (!(await saveProgress(job._id, lease, fields))) throw refuse.conflict('导出任务正由另一次调用处理，请稍后查看进度');
  if (next.status === 'finished' && !next.pack) {
    await audit(
      {
        actor: next.owner,
        action: 'export',
        target: { kind: 'export', id: job._id, name: job.title },
        before: null,
        after: { kind: job.kind, request: job.request, rows: next.done, calls: next.calls },
        scope: job.scope.all ? {} : { ...(job.scope.communities[0] ? { communityId: job.scope.communities[0] } : {}), ...(job.scope.units[0] ? { unitId: job.scope.units[0] } : {}) },
      },
      new Date(),
    );
  }
  return next;
}

/** A new job, before its first call (the pack's too). */
export function newJob(fields: Pick<ExportJob, '_id' | 'kind' | 'request' | 'owner' | 'title' | 'scope' | 'names' | 'pack'>, now: Date): ExportJob {
  return {
    ...fields,
    status: 'running',
    total: -1,
    done: 0,
    cursor: null,
    parts: [],
    read: false,
    lease: null,
    leaseUntil: 0,
    calls: 0,
    fileId: null,
    fileName: null,
    error: null,
    createdAt: now,
    finishedAt: null,
  };
}

export const start: H['start'] = {
  input: startInput,
  async run(req, ctx) {
    if ('from' in req) {
      const r = monthRange(req.from, req.to);
      if ('ok' in r) throw new AppError(r.code, r.message);
    }
    const org = await loadOrg();
    const scope = exportScope(ctx.actor, req, communitiesOfTowns(org.regions, townsOf(ctx.actor.roles)));
    if ('ok' in scope) throw new AppError(scope.code, scope.message);
    const names = namesOf(org);
    if ('communityId' in req && req.communityId && !names[req.communityId]) throw refuse.notFound('社区');
    if ('unitId' in req && req.unitId && !names[req.unitId]) throw refuse.notFound('单位');
    const job = newJob(
      { _id: newId(), kind: req.kind, request: req, owner: { openid: ctx.openid, name: ctx.user.name }, title: exportTitle(req, names), scope, names, pack: null },
      ctx.now,
    );
    await saveJob(job);
    return toView(await advance(job, ctx.now));
  },
};

async function ownJob(id: string, openid: string): Promise<ExportJob> {
  const job = await loadJob(id);
  if (!job || job.owner.openid !== openid || job.pack) throw refuse.notFound('导出任务');
  return job;
}

export const next: H['continue'] = {
  input: byId,
  async run({ id }, ctx) {
    return toView(await advance(await ownJob(id, ctx.openid), ctx.now));
  },
};

/** The (level) ids of the pack workbooks this actor may read; 'all' for the admin. */
function packIds(actor: Actor): string[] | 'all' {
  if (isAdmin(actor.roles)) return 'all';
  return [...staffCommunities(actor.roles), ...liaisonUnits(actor.roles), ...townsOf(actor.roles)];
}

export const list: H['list'] = {
  input: listInput,
  async run(_input, ctx) {
    const ids = packIds(ctx.actor);
    const [mine, packs] = await Promise.all([listMine(ctx.openid), ids === 'all' || ids.length ? listPacks(ids) : Promise.resolve([])]);
    const visible = packs.filter((p) => p.pack && mayReadPack(ctx.actor, p.pack.level, p.pack.id, townsOf(ctx.actor.roles)));
    return { mine: mine.map((j) => toView(j)), packs: visible.map((j) => toView(j)) };
  },
};

export const download: H['download'] = {
  input: byId,
  async run({ id }, ctx) {
    const job = await loadJob(id);
    const mine = !!job && !job.pack && job.owner.openid === ctx.openid;
    const pack = !!job?.pack && mayReadPack(ctx.actor, job.pack.level, job.pack.id, townsOf(ctx.actor.roles));
    if (!job || !(mine || pack)) throw refuse.notFound('导出文件');
    if (job.status !== 'finished' || !job.fileId) throw new AppError('INVALID_STATE', '导出尚未完成，请稍后再下载');
    const url = (await tempUrls([job.fileId])).get(job.fileId);
    if (!url) throw refuse.notFound('导出文件');
    return { url, fileName: job.fileName ?? 'export.xlsx' };
  },
};

export type { ExportView };
