/** visits: recording a visit (needs found become demands, a return visit reaches its demand, in the same step). */
import { ownsPhoto } from '../lib/storage';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { recordVisit as record } from './recording';
import { toSummary, toVisitViews } from './views';
import { recordVisitInput } from './schemas';

type H = Handlers<'visits'>;

export const recordVisit: H['recordVisit'] = {
  input: recordVisitInput,
  async run(input, ctx) {
    // Photos follow Pillar 1's rules: uploaded through dispatch.uploadPhoto (type, signature and
    // size checked there), and only the caller's own uploads may be attached.
    if ((input.photos ?? []).some((p) => !ownsPhoto(p, ctx.actor.openid))) throw refuse.invalid('只能使用您自己上传的照片');
    const { visit, household } = await record(ctx.actor, input, ctx.now);
    const [view] = await toVisitViews([visit]);
    return { visit: view, household: toSummary(household, ctx.now), demandIds: visit.needs.map((n) => n.demandId) };
  },
};
