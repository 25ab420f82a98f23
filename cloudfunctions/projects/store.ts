/**
 * Every database read and write of the projects function: a project (alone, or a community with
 * its paired units in one $lookup request when a need is published, or a service with its
 * pairings when it is requested), a step saved in one transaction with its pairing's
 * 认领、完成、评实效 count and its message job, the lists and the counters.
 */
import { countsIdOf, type ProjectFact, type ProjectTransition } from '../core/project';
import type { Region, Unit, UnitPairing } from '../../types/domain';
import type { PairingCounts, Project, Service } from '../../types/projects';
import { _, db } from '../lib/cloud';
import type { Data, Transaction } from '../lib/database';
import { AppError } from '../lib/errors';
import { readPage } from '../lib/paging';
import type { Message } from '../lib/messages';
import { queueMessages } from '../lib/outbox';
import { inTransaction } from '../lib/retry';
import { messagesOf } from './notices';

export const PROJECTS = 'projects';
export const SERVICES = 'services';
export const COUNTS = 'projectCounts';

export async function loadProject(id: string): Promise<Project | null> {
  return (await db.collection(PROJECTS).doc(id).get<Project>()).data;
}

export async function loadService(id: string): Promise<Service | null> {
  return (await db.collection(SERVICES).doc(id).get<Service>()).data;
}

export async function loadUnit(id: string): Promise<Unit | null> {
  return (await db.collection('units').doc(id).get<Unit>()).data;
}

type ServiceRow = Service & { pairings?: UnitPairing[]; communities?: Region[] };

/** For a request: the service, the communities its unit is paired with and their names, in ONE request. */
export async function loadServiceWithPairings(id: string): Promise<{ service: Service; communities: Map<string, string> } | null> {
  const [row] = (
    await db
      .collection(SERVICES)
      .aggregate()
      .match({ _id: id })
      .lookup({ from: 'pairings', localField: 'unitId', foreignField: 'unitId', as: 'pairings' })
      .lookup({ from: 'regions', localField: 'pairings.communityId', foreignField: '_id', as: 'communities' })
      .limit(1)
      .end<ServiceRow>()
  ).list;
  if (!row) return null;
  const { pairings = [], communities = [], ...service } = row;
  const names = new Map(communities.map((c) => [c._id, c.name]));
  return { service, communities: new Map(pairings.map((p) => [p.communityId, names.get(p.communityId) ?? ''])) };
}

type PairingRow = UnitPairing & { services?: Service[] };

/** The offers of every unit paired with a community, in ONE request (a community has a few pairings, each unit a few offers). */
export async function loadPairedServices(communityId: string): Promise<Service[]> {
  const rows = (
    await db
      .collection('pairings')
      .aggregate()
      .match({ communityId })
      .lookup({ from: SERVICES, localField: 'unitId', foreignField: 'unitId', as: 'services' })
      .limit(100)
      .end<PairingRow>()
  ).list;
  return rows.flatMap((r) => r.services ?? []).filter((s) => !s.withdrawn);
}

/** A new project, with the messages it sends as a job for the notify timer when it has any (one transaction then). */
export async function insertProject(p: Project, messages: Message[] = []): Promise<void> {
  if (!messages.length) {
    await db.collection(PROJECTS).add({ data: p });
    return;
  }
  await inTransaction(async (t) => {
    const { _id, ...fields } = p;
    await t.collection(PROJECTS).doc(_id).set({ data: fields });
    await queueMessages(t, `project_${_id}_v${p.version}`, messages, new Date(p.createdAt));
  });
}

export async function insertService(s: Service): Promise<void> {
  await db.collection(SERVICES).add({ data: s });
}

/** 下架: only if it is still listed (one conditional write). */
export async function withdrawServiceDoc(id: string): Promise<boolean> {
  const res = await db.collection(SERVICES).where({ _id: id, withdrawn: false }).update({ data: { withdrawn: true } });
  return res.stats.updated === 1;
}

/**
 * Every step of a project: ONE transaction reads the project, asks `decide` (the pure transition)
 * and writes the project, its pairing's count and the step's message job (lib/outbox), or nothing. Two racing
 * claims conflict on the project; the loser runs again, finds it claimed and is refused, so a need
 * has exactly one unit. A repeat writes nothing.
 */
export function saveInTransaction(id: string, decide: (p: Project) => ProjectTransition, now: Date): Promise<Extract<ProjectTransition, { ok: true }>> {
  return inTransaction(async (t) => {
    const p = (await t.collection(PROJECTS).doc(id).get<Project>()).data;
    if (!p) throw new AppError('NOT_FOUND', '共建项目不存在或您无权查看');
    const r = decide(p);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (r.repeat) return r;
    for (const f of r.facts) if (f.kind === 'count') await addCount(t, r.project, f);
    const { _id: _skip, ...fields } = r.project;
    await t.collection(PROJECTS).doc(id).set({ data: fields });
    await queueMessages(t, `project_${id}_v${r.project.version}`, messagesOf(r.project, r.facts), now);
    return r;
  });
}

/** One up on the pairing's count for the project's year: an $inc, the document made on its first count. */
async function addCount(t: Transaction, p: Project, f: Extract<ProjectFact, { kind: 'count' }>): Promise<void> {
  const ref = t.collection(COUNTS).doc(countsIdOf(p.pairingId!, p.year));
  const res = await ref.update({ data: { [f.field]: _.inc(1) } });
  if (res.stats.updated === 0) {
    const counts: PairingCounts = {
      pairingId: p.pairingId!,
      unitId: p.unitId!,
      unitName: p.unitName ?? '',
      communityId: p.communityId,
      communityName: p.communityName,
      year: p.year,
      claimed: 0,
      completed: 0,
      rated: 0,
    };
    await ref.set({ data: { ...counts, [f.field]: 1 } });
  }
}

/** The year's counts of every pairing of a unit or a community (a few documents), or of one pairing: one request. */
export async function loadCounts(scope: 'unit' | 'community' | 'pairing', id: string, year: string): Promise<PairingCounts[]> {
  const where = scope === 'pairing' ? { pairingId: id, year } : scope === 'unit' ? { unitId: id, year } : { communityId: id, year };
  return (await db.collection(COUNTS).where(where).limit(100).get<PairingCounts>()).data;
}

// ---- lists ------------------------------------------------------------------------------------

/** One page (plus one) of projects matching `where`, newest first. */
export function listProjects(where: Data, page: number, pageSize: number): Promise<Project[]> {
  return readPage<Project>(db.collection(PROJECTS).where(where).orderBy('createdAt', 'desc'), page, pageSize);
}

export function listServices(where: Data, page: number, pageSize: number): Promise<Service[]> {
  return readPage<Service>(db.collection(SERVICES).where(where).orderBy('createdAt', 'desc'), page, pageSize);
}

export { _ };
