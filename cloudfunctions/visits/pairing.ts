/** visits: who may be paired with a community's households, and pairing (包挂) itself. */
import { visitorKind } from '../core/visits-access';
import type { User } from '../../types/domain';
import type { VisitorCandidate } from '../../types/visits';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import type { Handlers } from '../lib/router';
import { pair as pairVisitor, unpair as unpairVisitor } from './key-households';
import { detailFor, staffCommunity } from './households';
import { candidatesInput, pairInput, unpairInput } from './schemas';

type H = Handlers<'visits'>;

export const visitorCandidates: H['visitorCandidates'] = {
  input: candidatesInput,
  async run({ communityId, page = 1, pageSize = 20 }, ctx) {
    const community = staffCommunity(ctx, communityId);
    const units = (await db.collection('pairings').where({ communityId: community }).field({ unitId: true }).limit(100).get<{ unitId: string }>()).data.map((p) => p.unitId);
    const who: Data[] = [
      { roles: _.elemMatch({ role: _.in(['staff', 'gridWorker', 'secretary']), communityId: community }) },
      { communityId: community, 'roles.role': 'member' },
    ];
    if (units.length) who.push({ roles: _.elemMatch({ role: 'member', unitId: _.in(units) }) });
    const found = (
      await db
        .collection('users')
        .where(_.or(who) as Data)
        .orderBy('_id', 'asc')
        .skip((page - 1) * pageSize)
        .limit(pageSize + 1)
        .get<User>()
    ).data;
    const items = found.slice(0, pageSize).map(
      (u): VisitorCandidate => ({
        openid: u._id,
        name: u.name,
        kind: visitorKind({ openid: u._id, roles: u.roles, communityId: u.communityId }, community, units)!,
        unitId: u.roles.find((g) => g.role === 'member')?.unitId ?? null,
      }),
    );
    return { items, page, pageSize, hasMore: found.length > pageSize };
  },
};

export const pair: H['pair'] = {
  input: pairInput,
  async run(input, ctx) {
    return detailFor(await pairVisitor(ctx.actor, input, ctx.now), ctx, 'detail');
  },
};

export const unpair: H['unpair'] = {
  input: unpairInput,
  async run(input, ctx) {
    return detailFor(await unpairVisitor(ctx.actor, input, ctx.now), ctx, 'detail');
  },
};
