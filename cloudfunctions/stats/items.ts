/**
 * stats.items: the items a figure counts — named by the figure's per-item record on the monthly
 * documents (core/stats.ts itemIds), then read by id, a page at a time, newest first. The same
 * items the figure counts, never a search of demands. Reads: the caller, (a town official: the
 * community's town), the period's documents, the page of demands.
 */
import { isOverdue } from '../core/demand';
import { itemIds, monthsOf } from '../core/stats';
import type { Demand } from '../../types/dispatch';
import type { DrillItem } from '../../types/stats';
import type { Handlers } from '../lib/router';
import { mayReadCommunity, mayReadUnit } from './access';
import { itemsInput } from './schemas';
import { counters, demandsByIds, type DemandRow } from './store';

function toItem(d: DemandRow, now: Date): DrillItem {
  return {
    _id: d._id,
    category: d.category,
    text: d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text,
    status: d.status,
    communityId: d.communityId,
    unitId: d.dispatch?.unitId ?? null,
    createdAt: d.createdAt,
    dispatchedAt: d.dispatch?.dispatchedAt ?? null,
    finishBy: d.dispatch?.finishBy ?? null,
    overdue: isOverdue(d as Pick<Demand, 'status' | 'dispatch' | 'resolvedAt'>, now),
  };
}

export const items: Handlers<'stats'>['items'] = {
  input: itemsInput,
  async run({ scope, id, unitId, estateId, period, figure, category, page = 1, pageSize = 20 }, { user, now }) {
    if (scope === 'community') await mayReadCommunity(user.roles, id);
    else mayReadUnit(user.roles, id);
    const docs = await counters({ scope, ids: [id], months: monthsOf(period) }, figure);
    const mine = scope === 'community' ? { unitId, estateId } : {};
    const ids = itemIds(docs, figure, now, { ...mine, category });
    const rows = await demandsByIds(ids, page, pageSize);
    return { figure, items: rows.map((d) => toItem(d, now)), total: ids.length, page, pageSize };
  },
};
