/** dispatch: the 三率 scorecard — one counter document, which also tracks open items' deadlines. */
import { isAdmin, staffCommunities } from '../core/actor';
import { scorecard as compute, openOverdue, type Counters } from '../core/scorecard';
import { db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { scorecardInput } from './schemas';

export const scorecard: Handlers<'dispatch'>['scorecard'] = {
  input: scorecardInput,
  async run({ scope, id, month }, { user, now }) {
    const mayRead =
      isAdmin(user.roles) ||
      (scope === 'community' && staffCommunities(user.roles).includes(id)) ||
      (scope === 'unit' && user.roles.some((g) => g.role === 'liaison' && g.unitId === id));
    if (!mayRead) throw refuse.forbidden('您只能查看本社区或本单位的三率');
    const counters = (await db.collection('scorecards').doc(`${scope}_${id}_${month}`).get<Counters>()).data;
    // No counters: a quiet month, or (for an admin, who may ask for any id) nothing of that name.
    if (!counters && !(await exists(scope, id))) throw refuse.notFound(scope === 'community' ? '社区' : '单位');
    return compute(scope, id, month, counters ?? {}, openOverdue(counters ?? {}, now));
  },
};

async function exists(scope: 'community' | 'unit', id: string): Promise<boolean> {
  if (scope === 'unit') return (await db.collection('units').doc(id).get()).data !== null;
  const region = (await db.collection('regions').doc(id).get<{ level: string }>()).data;
  return region?.level === 'community';
}
