/**
 * 月报: the monthly report pack — one workbook per community, unit, town and the county with the
 * month's 三率 and 走访 coverage, each an export job of its own (`pack_<month>_<level>_<id>`) kept
 * for download by whoever may read that scope. The county admin runs it on demand; the timer runs it
 * after each month ends. A run creates the month's missing jobs, then writes workbooks until its
 * time budget is spent; the next run (or the admin's next call) goes on.
 *
 * Budget: this is a batch, not an action — one read of the org and one of the month's jobs, then a
 * job per workbook (a few reads and writes each, written once a month).
 */
import { isAdmin } from '../core/actor';
import { monthOf } from '../core/calendar';
import { packMonthAt, packTargets, PACK_LEVEL_WORD, type PackTarget } from '../core/exports';
import { db } from '../lib/cloud';
import { audit } from '../lib/audit';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { advance, chunkBudgetMs, newJob } from './jobs';
import { packInput } from './schemas';
import { EXPORTS, loadOrg, namesOf, saveJob, type ExportJob } from './store';

const SYSTEM = { openid: 'system', name: '系统' };

const jobId = (month: string, t: Pick<PackTarget, 'level' | 'id'>) => `pack_${month}_${t.level}_${t.id}`;

async function targetsNow(): Promise<{ targets: PackTarget[]; names: Record<string, string> }> {
  const org = await loadOrg();
  const pairings = (await db.collection('pairings').field({ unitId: true, communityId: true }).limit(1000).get<{ unitId: string; communityId: string }>()).data;
  const county = org.regions.find((r) => r.level === 'county');
  const targets = packTargets(
    { id: county?._id ?? 'county', name: county?.name ?? '全县' },
    org.regions.filter((r) => r.level === 'town').map((r) => ({ id: r._id, name: r.name })),
    org.regions.filter((r) => r.level === 'community').map((r) => ({ id: r._id, name: r.name, townId: r.path.find((p) => org.regions.some((x) => x._id === p && x.level === 'town')) ?? null })),
    org.units.map((u) => ({ id: u._id, name: u.name })),
    pairings,
  );
  return { targets, names: namesOf(org) };
}

/** Creates the month's missing workbooks' jobs, then writes workbooks for about one budget. */
export async function runPackFor(month: string, by: { openid: string; name: string }, now: Date): Promise<{ month: string; done: number; total: number; finished: boolean }> {
  const existing = (await db.collection(EXPORTS).where({ 'pack.month': month }).field({ _id: true, status: true }).limit(1000).get<Pick<ExportJob, '_id' | 'status'>>()).data;
  const status = new Map(existing.map((j) => [j._id, j.status]));
  const { targets, names } = await targetsNow();
  const wasFinished = existing.length >= targets.length && existing.every((j) => j.status !== 'running');
  for (const t of targets) {
    const id = jobId(month, t);
    if (status.has(id)) continue;
    const scope = t.level === 'county' ? { all: true, communities: [], units: [], entitled: [] } : { all: false, communities: t.communities, units: t.units, entitled: [] };
    await saveJob(newJob({ _id: id, kind: 'pack', request: null, owner: by, title: `月报 ${month} · ${PACK_LEVEL_WORD[t.level]} · ${t.name}`, scope, names, pack: { month, level: t.level, id: t.id } }, now));
    status.set(id, 'running');
  }
  const started = Date.now();
  const budget = chunkBudgetMs();
  for (const [id, s] of status) {
    if (s !== 'running') continue;
    if (Date.now() - started > budget) break;
    const job = (await db.collection(EXPORTS).doc(id).get<ExportJob>()).data;
    if (!job) continue;
    const after = await advance(job, now);
    status.set(id, after.status);
  }
  const done = [...status.values()].filter((s) => s !== 'running').length;
  const finished = done === status.size;
  // Logged once, by the run that wrote the last workbook.
  if (finished && !wasFinished) {
    await audit({ actor: by, action: 'monthlyReport', target: { kind: 'export', id: `pack_${month}`, name: `月报 ${month}` }, before: null, after: { month, workbooks: status.size }, scope: {} }, new Date());
  }
  return { month, done, total: status.size, finished };
}

export const runPack: Handlers<'exports'>['runPack'] = {
  input: packInput,
  async run({ month }, ctx) {
    if (!isAdmin(ctx.actor.roles)) throw refuse.forbidden('只有县委组织部可以生成月报');
    if (month > monthOf(ctx.now)) throw refuse.invalid('不能生成未来月份的月报');
    return runPackFor(month, { openid: ctx.openid, name: ctx.user.name }, ctx.now);
  },
};

/** The timer: the month that has just ended (China time), until its pack is complete. */
export async function timerRun(now: Date): Promise<unknown> {
  const month = packMonthAt(monthOf(now));
  const open = (await db.collection(EXPORTS).where({ 'pack.month': month, status: 'running' }).count()).total;
  const any = open || (await db.collection(EXPORTS).where({ 'pack.month': month }).count()).total;
  // Written already: the hourly timer reads one count and stops.
  if (any && !open) return { month, finished: true };
  return runPackFor(month, SYSTEM, now);
}
