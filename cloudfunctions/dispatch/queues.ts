/**
 * dispatch.queueCounts: every queue's count for the caller from the maintained counter documents
 * (core/queues.ts), in one read; dispatch.reconcileQueues (admin): recounts them from the demands
 * and reports what differs — it never writes (a difference is a bug to find).
 */
import { isAdmin, liaisonUnits, memberUnits, staffCommunities, townsOf } from '../core/actor';
import { flatten, queueCounts, queueDocIds, recount, recountTowns } from '../core/queues';
import type { QueueReconcileReport } from '../../types/dispatch';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { emptyInput } from './schemas';
import { loadQueueDocs, readAllDemands, readAllQueueDocs } from './store';

type H = Handlers<'dispatch'>;

export const queueCountsAction: H['queueCounts'] = {
  input: emptyInput,
  async run(_input, ctx) {
    const roles = ctx.user.roles;
    const scopes = {
      communities: staffCommunities(roles),
      liaisonUnits: liaisonUnits(roles),
      memberUnits: memberUnits(roles),
      openid: ctx.openid,
      towns: townsOf(roles),
      county: isAdmin(roles),
    };
    const docs = await loadQueueDocs(queueDocIds(scopes), scopes);
    return queueCounts(scopes, docs, ctx.now);
  },
};

export const reconcileQueues: H['reconcileQueues'] = {
  input: emptyInput,
  async run(_input, ctx) {
    if (!isAdmin(ctx.user.roles)) throw refuse.forbidden('只有县委组织部可以核对队列计数');
    return reconcileAllQueues();
  },
};

export async function reconcileAllQueues(): Promise<QueueReconcileReport> {
  const [demands, stored] = await Promise.all([readAllDemands(), readAllQueueDocs()]);
  const computed = recount(demands);
  const cached = new Map(stored.map((d) => [d._id, flatten(d)]));
  const differences: QueueReconcileReport['differences'] = [];
  // A community document's labels: a town's and the county's counts find it by them.
  const byId = new Map(stored.map((d) => [d._id, d]));
  const towns = recountTowns(demands);
  for (const doc of computed.keys()) {
    if (!doc.startsWith('community_')) continue;
    const have = byId.get(doc);
    if (have && have.scope !== 'community') differences.push({ doc, field: 'scope', cached: (have.scope as string) ?? null, computed: 'community' });
    const town = towns.get(doc);
    if (have && town && have.townId !== town) differences.push({ doc, field: 'townId', cached: (have.townId as string) ?? null, computed: town });
  }
  for (const doc of new Set([...computed.keys(), ...cached.keys()])) {
    const want = computed.get(doc) ?? {};
    const have = cached.get(doc) ?? {};
    for (const field of new Set([...Object.keys(want), ...Object.keys(have)])) {
      const c = have[field] ?? 0;
      const w = want[field] ?? 0;
      if (c !== w) differences.push({ doc, field, cached: c, computed: w });
    }
  }
  return { demands: demands.length, documents: cached.size, differences };
}
