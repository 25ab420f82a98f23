/**
 * The exports' reads and writes: the job document with its lease, the rows read so far (one JSON
 * part in cloud storage per call, so that no call holds more than its own chunk between calls),
 * the names of communities and units, and a town's communities.
 */
import type { ExportKind, ExportRequest, ExportStatus, PackLevel } from '../../types/exports';
import type { Cell, ExportScope } from '../core/exports';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { download, upload } from '../lib/storage';

export const EXPORTS = 'exports';

/** Where a chunked read stands: after the document with this sort value and id. */
export interface Cursor {
  at: number | null;
  id: string;
}

/** An export job (collection `exports`). */
export interface ExportJob {
  _id: string;
  kind: ExportKind;
  /** What was asked for (null for a pack workbook). */
  request: ExportRequest | null;
  owner: { openid: string; name: string };
  title: string;
  status: ExportStatus;
  scope: ExportScope;
  /** Names of the communities and units the rows refer to, read once when the job starts. */
  names: Record<string, string>;
  total: number;
  done: number;
  cursor: Cursor | null;
  /** Storage file ids of the rows read so far, one part per call. */
  parts: string[];
  /** All rows read: the next call writes the workbook. */
  read: boolean;
  lease: string | null;
  leaseUntil: number;
  calls: number;
  fileId: string | null;
  fileName: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** A monthly report workbook: its month, level and the community / unit / town it is for. */
  pack: { month: string; level: PackLevel; id: string } | null;
}

export async function loadJob(id: string): Promise<ExportJob | null> {
  return (await db.collection(EXPORTS).doc(id).get<ExportJob>()).data;
}

export async function saveJob(job: ExportJob): Promise<void> {
  const { _id, ...data } = job;
  await db.collection(EXPORTS).doc(_id).set({ data });
}

/** Takes the job for one call; false when another call holds it (or it is no longer running). */
export async function claimJob(id: string, lease: string, now: number, until: number): Promise<boolean> {
  const res = await db.collection(EXPORTS).where({ _id: id, status: 'running', leaseUntil: _.lt(now) }).update({ data: { lease, leaseUntil: until } });
  return res.stats.updated === 1;
}

/** Saves progress while holding the lease; false when the lease was lost. */
export async function saveProgress(id: string, lease: string, fields: Partial<ExportJob>): Promise<boolean> {
  const data = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, _.set(v)]));
  const res = await db.collection(EXPORTS).where({ _id: id, lease }).update({ data });
  return res.stats.updated === 1;
}

/** The caller's own exports, newest first (pack workbooks excluded). */
export async function listMine(openid: string): Promise<ExportJob[]> {
  const fields = { scope: false, names: false, parts: false, request: false };
  return (await db.collection(EXPORTS).where({ 'owner.openid': openid, pack: null }).orderBy('createdAt', 'desc').field(fields as never).limit(30).get<ExportJob>()).data;
}

/** Pack workbooks of these (level, id) pairs, or all of them; newest month first. */
export async function listPacks(ids: string[] | 'all'): Promise<ExportJob[]> {
  const fields = { scope: false, names: false, parts: false, request: false };
  const where: Data = ids === 'all' ? { 'pack.month': _.exists(true), pack: _.neq(null) } : { 'pack.id': _.in(ids) };
  return (await db.collection(EXPORTS).where(where).orderBy('createdAt', 'desc').field(fields as never).limit(60).get<ExportJob>()).data;
}

// ---- rows between calls --------------------------------------------------------------------------

export async function savePart(jobId: string, n: number, rows: Cell[][]): Promise<string> {
  return upload(`exports/${jobId}/part-${n}.json`, Buffer.from(JSON.stringify(rows)));
}

export async function loadPart(fileId: string): Promise<Cell[][]> {
  const bytes = await download(fileId);
  if (!bytes) throw new Error(`export part missing: ${fileId}`);
  return JSON.parse(bytes.toString('utf8')) as Cell[][];
}

// ---- names and the region tree -------------------------------------------------------------------

export interface RegionRow {
  _id: string;
  level: string;
  name: string;
  parentId: string | null;
  path: string[];
}

/** Every region above the estates (county, towns, communities) and every unit, for names and the pack. */
export async function loadOrg(): Promise<{ regions: RegionRow[]; units: { _id: string; name: string }[] }> {
  const [regions, units] = await Promise.all([
    db.collection('regions').where({ level: _.in(['county', 'town', 'community']) }).field({ _id: true, level: true, name: true, parentId: true, path: true }).limit(1000).get<RegionRow>(),
    db.collection('units').field({ _id: true, name: true }).limit(1000).get<{ _id: string; name: string }>(),
  ]);
  return { regions: regions.data, units: units.data };
}

export function namesOf(org: { regions: RegionRow[]; units: { _id: string; name: string }[] }): Record<string, string> {
  return Object.fromEntries([...org.regions.map((r) => [r._id, r.name]), ...org.units.map((u) => [u._id, u.name])]);
}

/** The communities of these towns (from the region tree the org holds). */
export function communitiesOfTowns(regions: RegionRow[], towns: string[]): string[] {
  if (!towns.length) return [];
  return regions.filter((r) => r.level === 'community' && r.path.some((p) => towns.includes(p))).map((r) => r._id);
}
