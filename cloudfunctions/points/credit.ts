/**
 * points.creditDemand: the repair for a credit that never reached the ledger (a verification whose
 * crediting failed after the demand was saved — `reconcile` names it). It offers the demand's
 * verified hours again; the source keys make it a no-op for everyone already credited.
 */
import { isAdmin, staffCommunities } from '../core/actor';
import { creditOf } from '../core/demand';
import { AppError, refuse } from '../lib/errors';
import { creditMembers } from '../lib/ledger';
import type { Handlers } from '../lib/router';
import { creditDemandInput } from './schemas';
import { loadDemand } from './store';

export const creditDemand: Handlers<'points'>['creditDemand'] = {
  input: creditDemandInput,
  async run({ demandId }, { user, now }) {
    const d = await loadDemand(demandId);
    if (!d || !(isAdmin(user.roles) || staffCommunities(user.roles).includes(d.communityId))) throw refuse.notFound('诉求');
    if (!d.dispatch || (d.status !== 'verified' && d.status !== 'closed')) throw new AppError('INVALID_STATE', '只有已验收的派单任务可以补记时长');
    const credit = creditOf(d);
    return { credited: credit ? await creditMembers(credit, now) : 0 };
  },
};
