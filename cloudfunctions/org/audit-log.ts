/** org: reading 操作日志 — the admin all of it, a secretary their community's, a liaison their unit's. */
import type { AuditEntry, AuditTargetKind } from '../../types/admin';
import { chinaDayStart } from '../core/calendar';
import { AUDIT } from '../lib/audit';
import { _, db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { readPage, toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { id, paging, z } from '../lib/validate';
import { grantingScopes, scopeOrRefuse, scopeWhere } from './scope';

type H = Handlers<'org'>;

const KINDS: AuditTargetKind[] = ['setup', 'region', 'household', 'unit', 'pairing', 'role', 'invitation', 'import', 'rules'];

/** Reads: the caller, one page. */
export const auditLog: H['auditLog'] = {
  input: z.strictObject({
    // `action` names the call itself (the router's field), so the filter is `act`.
    act: z.string().regex(/^[A-Za-z]{1,40}$/).optional(),
    kind: z.enum(KINDS as [AuditTargetKind, ...AuditTargetKind[]]).optional(),
    communityId: id().optional(),
    unitId: id().optional(),
    /** From this China day on (YYYY-MM-DD). */
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD').optional(),
    ...paging,
  }),
  async run({ act, kind, communityId, unitId, since, page = 1, pageSize = 20 }, { actor }) {
    const scope = scopeOrRefuse(actor.roles, { communityId, unitId }, grantingScopes(actor.roles), '您只能查看本社区或本单位的操作日志');
    const where: Record<string, unknown> = scopeWhere(scope, { community: 'scope.communityId', unit: 'scope.unitId' });
    if (act) where.action = act;
    if (kind) where['target.kind'] = kind;
    if (since) {
      const day = new Date(`${since}T12:00:00+08:00`);
      if (Number.isNaN(day.getTime())) throw refuse.invalid('字段「since」的日期无效');
      where.at = _.gte(chinaDayStart(day));
    }
    const query = db.collection(AUDIT).where(where).orderBy('at', 'desc');
    return toPage(await readPage<AuditEntry>(query, page, pageSize), page, pageSize, (e) => e);
  },
};
