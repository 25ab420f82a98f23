/**
 * stats.coverage and stats.overdue: 敲门 coverage by community and by visitor against 100 % for a
 * month — the month's coverage documents (visitCoverage, maintained with every visit) over the
 * active key households — and a community's overdue households behind the figure.
 *
 * Reads: the caller (router); the names (regions); the month's coverage documents and the active
 * key households (schedule and visitors only: a thousand a read), beside each other (the county:
 * all three at once). The households are read because coverage is over those active now (as in
 * visits.coverage); they grow with key households, never with visits. overdue: a page of the
 * households and their count (a town official: the community's town first).
 */
import { careAccess } from '../core/visits-access';
import { coverageRows } from '../core/stats-people';
import type { CoverageDashboard, OverdueHousehold } from '../../types/stats';
import type { Handlers } from '../lib/router';
import { mayReadCommunity } from './access';
import { coverageInput, overdueInput } from './schemas';
import { scopeOf } from './scope';
import { activeHouseholds, coverageDocs, overdueHouseholds, type OverdueRow } from './store';

export const coverage: Handlers<'stats'>['coverage'] = {
  input: coverageInput,
  async run({ scope, id, month }, { user, now }) {
    const everywhere = scope === 'county';
    const [s, allDocs, allHomes] = await Promise.all([
      scopeOf(user.roles, scope, id, false),
      everywhere ? coverageDocs(month) : null,
      everywhere ? activeHouseholds() : null,
    ]);
    const ids = s.communities.map((c) => c._id);
    const [docs, homes] = everywhere ? [allDocs!, allHomes!] : ids.length ? await Promise.all([coverageDocs(month, ids), activeHouseholds(ids)]) : [[], []];
    const rows = coverageRows(s.communities, docs, homes, now);
    const result: CoverageDashboard = { scope, id: s.id, name: s.name, month, total: rows.total, communities: rows.communities, visitors: rows.visitors };
    return result;
  },
};

function toOverdue(h: OverdueRow, entitled: boolean): OverdueHousehold {
  return {
    _id: h._id,
    communityId: h.communityId,
    careLevel: h.careLevel,
    nextDueBy: h.nextDueBy,
    lastContactAt: h.lastContactAt,
    visitorNames: h.visitors.map((v) => v.name),
    // Where and whom: for the household's carers (its community's staff, its visitors) only.
    address: entitled ? h.address : null,
    contactName: entitled ? h.contactName : null,
  };
}

export const overdue: Handlers<'stats'>['overdue'] = {
  input: overdueInput,
  async run({ communityId, page = 1, pageSize = 20 }, { user, now }) {
    await mayReadCommunity(user.roles, communityId);
    const { rows, total } = await overdueHouseholds(communityId, now, page, pageSize);
    const items = rows.map((h) => toOverdue(h, careAccess(h, { openid: user._id, roles: user.roles }) !== null));
    return { items, total, page, pageSize };
  },
};
