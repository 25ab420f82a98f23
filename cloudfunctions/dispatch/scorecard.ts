/** dispatch: the 三率 scorecard — one counter document, which also tracks open items' deadlines. */
import { isAdmin, isLiaisonOf, staffCommunities } from '../core/actor';
import { scorecard as compute, openOverdue } from '../core/scorecard';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { scorecardInput } from './schemas';
import { loadScorecard, scopeExists } from './store';

export const scorecard: Handlers<'dispatch'>['scorecard'] = {
  input: scorecardInput,
  async run({ scope, id, month }, { user, now }) {
    const mayRead =
      isAdmin(user.roles) || (scope === 'community' && staffCommunities(user.roles).includes(id)) || (scope === 'unit' && isLiaisonOf(user.roles, id));
    if (!mayRead) throw refuse.forbidden('您只能查看本社区或本单位的三率');
    const counters = await loadScorecard(scope, id, month);
    // No counters: a quiet month, or (for an admin, who may ask for any id) nothing of that name.
    if (!counters && !(await scopeExists(scope, id))) throw refuse.notFound(scope === 'community' ? '社区' : '单位');
    return compute(scope, id, month, counters ?? {}, openOverdue(counters ?? {}, now));
  },
};
