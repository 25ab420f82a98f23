/** org: reading 操作日志 — the admin all of it, a secretary their community's, a liaison their unit's. */
import { chinaDayStart } from '../core/calendar';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { auditLogInput } from './schemas';
import { grantingScopes, scopeOrRefuse, scopeWhere } from './scope';
import { auditWhere } from './store';

type H = Handlers<'org'>;

/** Reads: the caller, one page. */
export const auditLog: H['auditLog'] = {
  input: auditLogInput,
  async run({ act, kind, communityId, unitId, since, page = 1, pageSize = 20 }, { actor }) {
    const scope = scopeOrRefuse(actor.roles, { communityId, unitId }, grantingScopes(actor.roles), '您只能查看本社区或本单位的操作日志');
    const where: Record<string, unknown> = scopeWhere(scope, { community: 'scope.communityId', unit: 'scope.unitId' });
    if (act) where.action = act;
    if (kind) where['target.kind'] = kind;
    let from: Date | undefined;
    if (since) {
      const day = new Date(`${since}T12:00:00+08:00`);
      if (Number.isNaN(day.getTime())) throw refuse.invalid('字段「since」的日期无效');
      from = chinaDayStart(day);
    }
    return toPage(await auditWhere(where, from, page, pageSize), page, pageSize, (e) => e);
  },
};
