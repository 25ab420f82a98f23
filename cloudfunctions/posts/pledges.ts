/**
 * 承诺、践诺、评诺: a member pledges for the year, records its fulfilment with photos, the branch
 * (staff or secretary of the member's community) rates it, and residents of that community give
 * their verdicts (群众评) — the 支部评实效、群众评表现 of 双认双评.
 */
import { canSeePledge, PLEDGES_A_YEAR, pledgeTransition, type PledgeStep } from '../core/posts';
import { isMember, isStaffOf, staffCommunities } from '../core/actor';
import { periodsOf } from '../core/calendar';
import type { Pledge, ResidentVerdict } from '../../types/posts';
import { refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { toPage } from '../lib/paging';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { fulfilPledgeInput, listPledgesInput, pledgeInput, ratePledgeInput, residentRateInput } from './schemas';
import { _, countPledges, insert, page, PLEDGES, savePledge, verdictsOf } from './store';
import { pledgeUrls, showPledge } from './views';

type H = Handlers<'posts'>;

export const pledge: H['pledge'] = {
  input: pledgeInput,
  async run({ text }, { actor, now }) {
    if (!isMember(actor.roles)) throw refuse.forbidden('只有在职党员可以作出承诺');
    if (!actor.communityId) throw refuse.invalid('请先在「我的」里绑定您住的楼栋（承诺由居住社区评价）');
    const { year } = periodsOf(now);
    if ((await countPledges(actor.openid, year)) >= PLEDGES_A_YEAR) throw refuse.invalid(`每年最多 ${PLEDGES_A_YEAR} 项承诺`);
    const p: Pledge = {
      _id: newId(),
      openid: actor.openid,
      name: actor.name,
      communityId: actor.communityId,
      unitId: actor.unitId,
      year,
      text,
      status: 'pledged',
      fulfilment: null,
      rating: null,
      residents: { satisfied: 0, basic: 0, unsatisfied: 0 },
      version: 1,
      createdAt: now,
    };
    await insert(PLEDGES, p);
    return showPledge(p, actor, new Map(), null);
  },
};

/** One step in one transaction (the pledge, a resident's verdict document, the member's message job), then the view. */
async function step(id: string, ctx: Ctx, s: PledgeStep | ((already: ResidentVerdict | null) => PledgeStep), rater: string | null) {
  const r = await savePledge(
    id,
    (p, already) => {
      if (!canSeePledge(p, ctx.actor)) throw refuse.notFound('承诺');
      return pledgeTransition(p, typeof s === 'function' ? s(already) : s, ctx.actor, ctx.now);
    },
    rater,
    ctx.now,
  );
  const mine = rater ? (r.facts.find((f) => f.kind === 'residentRating') as { verdict: ResidentVerdict } | undefined)?.verdict ?? null : null;
  return showPledge(r.pledge, ctx.actor, await pledgeUrls([r.pledge]), mine);
}

export const fulfilPledge: H['fulfilPledge'] = {
  input: fulfilPledgeInput,
  run({ id, note, photos }, ctx) {
    if (photos.some((p) => !ownsPhoto(p, ctx.actor.openid))) throw refuse.invalid('只能附上您自己上传的照片（JPG、PNG 或 WebP）');
    return step(id, ctx, { event: 'fulfil', note, photos }, null);
  },
};

export const ratePledge: H['ratePledge'] = {
  input: ratePledgeInput,
  run: ({ id, grade, comment = '' }, ctx) => step(id, ctx, { event: 'rate', grade, comment }, null),
};

export const residentRatePledge: H['residentRatePledge'] = {
  input: residentRateInput,
  run: ({ id, verdict }, ctx) => step(id, ctx, (already) => ({ event: 'residentRate', verdict, already }), ctx.actor.openid),
};

export const listPledges: H['listPledges'] = {
  input: listPledgesInput,
  async run({ scope, communityId, year, page: pageNo = 1, pageSize = 10 }, { actor, now }) {
    const y = year ?? periodsOf(now).year;
    let found: Pledge[];
    if (scope === 'mine') found = await page<Pledge>(PLEDGES, { openid: actor.openid, year: y }, 'createdAt', pageNo, pageSize);
    else {
      const community = communityId ?? actor.communityId ?? staffCommunities(actor.roles)[0];
      if (!community) throw refuse.invalid('请先在「我的」里绑定您住的楼栋');
      if (community !== actor.communityId && !isStaffOf(actor.roles, community)) throw refuse.forbidden('只能查看本社区党员的承诺');
      found = await page<Pledge>(PLEDGES, { communityId: community, year: y, status: _.in(['fulfilled', 'rated']) }, 'createdAt', pageNo, pageSize);
    }
    const shown = found.slice(0, pageSize);
    const [urls, verdicts] = await Promise.all([pledgeUrls(shown), scope === 'community' ? verdictsOf(actor.openid, shown.map((p) => p._id)) : Promise.resolve(new Map())]);
    return toPage(found, pageNo, pageSize, (p) => showPledge(p, actor, urls, verdicts.get(p._id) ?? null));
  },
};
