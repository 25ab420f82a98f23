/** visits: coverage per community and month, and the secretary's log of sensitive reads. */
import { canReadCoverage, canReadLog } from '../core/visits-access';
import { coverageOf } from '../core/visits-coverage';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { activeKeyHouseholds, loadCoverage, readSensitiveReads } from './store';
import { coverageInput, readsInput } from './schemas';

type H = Handlers<'visits'>;

export const coverage: H['coverage'] = {
  input: coverageInput,
  async run({ communityId, month }, ctx) {
    if (!canReadCoverage(ctx.actor.roles, communityId)) throw refuse.forbidden('只有本社区的工作人员和县委组织部可以查看走访覆盖率');
    // The month's counter document and the community's active households: never the visits.
    const [doc, active] = await Promise.all([loadCoverage(communityId, month), activeKeyHouseholds(communityId)]);
    const overdue = active.filter((h) => new Date(h.nextDueBy).getTime() < ctx.now.getTime()).length;
    return coverageOf(doc, communityId, month, active.map((h) => h._id), overdue);
  },
};

export const sensitiveReads: H['sensitiveReads'] = {
  input: readsInput,
  async run({ communityId, householdId, page = 1, pageSize = 20 }, ctx) {
    if (!canReadLog(ctx.actor.roles, communityId)) throw refuse.forbidden('只有本社区书记可以查看敏感信息查阅记录');
    const found = await readSensitiveReads(communityId, householdId, page, pageSize);
    return toPage(found, page, pageSize, (r) => r);
  },
};
