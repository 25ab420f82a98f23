/** dispatch: the 三率 scorecard — one counter document plus one count of open overdue items. */
import { isAdmin, staffCommunities } from '../core/roles';
import { scorecard as compute, type Counters } from '../core/scorecard';
import { _, db } from '../lib/cloud';
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
    const owner = scope === 'community' ? { communityId: id } : { 'dispatch.unitId': id };
    const [counters, overdue] = await Promise.all([
      db.collection('scorecards').doc(`${scope}_${id}_${month}`).get<Counters>(),
      db
        .collection('demands')
        .where({ ...owner, 'dispatch.month': month, status: _.in(['dispatched', 'accepted']), 'dispatch.finishBy': _.lt(now) })
        .count(),
    ]);
    return compute(scope, id, month, counters.data ?? {}, overdue.total);
  },
};
