/** visits: coverage per community and month, and the secretary's log of sensitive reads. */
import { canReadCoverage, canReadLog } from '../core/visits-access';
import { coverageId, coverageOf, type CoverageDoc } from '../core/visits-coverage';
import type { KeyHousehold, SensitiveRead } from '../../types/visits';
import { db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { COVERAGE, KEY, READS } from './store';
import { coverageInput, readsInput } from './schemas';

type H = Handlers<'visits'>;

/** A community's key households fit one read (CloudBase returns at most 1000 documents). */
const MAX_KEY_HOUSEHOLDS = 1000;

export const coverage: H['coverage'] = {
  input: coverageInput,
  async run({ communityId, month }, ctx) {
    if (!canReadCoverage(ctx.user.roles, communityId)) throw refuse.forbidden('只有本社区的工作人员和县委组织部可以查看走访覆盖率');
    // The month's counter document and the community's active households: never the visits.
    const [doc, active] = await Promise.all([
      db.collection(COVERAGE).doc(coverageId(communityId, month)).get<CoverageDoc>(),
      db.collection(KEY).where({ communityId, active: true }).field({ _id: true, nextDueBy: true }).limit(MAX_KEY_HOUSEHOLDS).get<Pick<KeyHousehold, '_id' | 'nextDueBy'>>(),
    ]);
    const overdue = active.data.filter((h) => new Date(h.nextDueBy).getTime() < ctx.now.getTime()).length;
    return coverageOf(doc.data, communityId, month, active.data.map((h) => h._id), overdue);
  },
};

export const sensitiveReads: H['sensitiveReads'] = {
  input: readsInput,
  async run({ communityId, householdId, page = 1, pageSize = 20 }, ctx) {
    if (!canReadLog(ctx.user.roles, communityId)) throw refuse.forbidden('只有本社区书记可以查看敏感信息查阅记录');
    const found = (
      await db
        .collection(READS)
        .where(householdId ? { communityId, householdId } : { communityId })
        .orderBy('at', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize + 1)
        .get<SensitiveRead>()
    ).data;
    return { items: found.slice(0, pageSize), page, pageSize, hasMore: found.length > pageSize };
  },
};
