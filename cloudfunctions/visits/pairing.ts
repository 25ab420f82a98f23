/** visits: who may be paired with a community's households, and pairing (包挂) itself. */
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { pair as pairVisitor, unpair as unpairVisitor } from './key-households';
import { detailFor, staffCommunity } from './reading';
import { pairedUnits, readCandidates } from './store';
import { toCandidate } from './views';
import { candidatesInput, pairInput, unpairInput } from './schemas';

type H = Handlers<'visits'>;

export const visitorCandidates: H['visitorCandidates'] = {
  input: candidatesInput,
  async run({ communityId, page = 1, pageSize = 20 }, ctx) {
    const community = staffCommunity(ctx.actor, communityId);
    const units = await pairedUnits(community);
    const found = await readCandidates(community, units, page, pageSize);
    return toPage(found, page, pageSize, (u) => toCandidate(u, community, units));
  },
};

export const pair: H['pair'] = {
  input: pairInput,
  async run(input, ctx) {
    return detailFor(await pairVisitor(ctx.actor, input, ctx.now), ctx.actor, ctx.now, 'detail');
  },
};

export const unpair: H['unpair'] = {
  input: unpairInput,
  async run(input, ctx) {
    return detailFor(await unpairVisitor(ctx.actor, input, ctx.now), ctx.actor, ctx.now, 'detail');
  },
};
