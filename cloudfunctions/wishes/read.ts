/**
 * wishes: reading — one wish, the lists (the community's wall, 我的心愿, staff's 待审核 and
 * 本社区全部, 我认领的) and 认领、完成. Each is the caller (read by the router) and one query.
 */
import { canSeeWish } from '../core/wish';
import { isStaffOf, staffCommunities } from '../core/actor';
import type { Data } from '../lib/database';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { byId, countsInput, listInput } from './schemas';
import { _, listWishes, loadCounts, loadWish } from './store';
import { photoUrls, showOne, showWish } from './views';

type H = Handlers<'wishes'>;

export const detail: H['detail'] = {
  input: byId,
  async run({ id }, { actor }) {
    const w = await loadWish(id);
    if (!w || !canSeeWish(w, actor)) throw refuse.notFound('心愿');
    return showOne(w, actor);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, communityId, status, page = 1, pageSize = 10 }, { actor }) {
    const me = actor.openid;
    const withStatus = (where: Data): Data => (status ? { ...where, status } : where);
    let found;
    switch (scope) {
      case 'wall': {
        const community = communityId ?? actor.communityId ?? staffCommunities(actor.roles)[0];
        if (!community) throw refuse.invalid('请先在「我的」里绑定您住的楼栋，再看本社区的心愿墙');
        found = await listWishes(withStatus({ communityId: community, onWall: true }), 'approvedAt', page, pageSize);
        break;
      }
      case 'mine':
        found = await listWishes(_.or([withStatus({ 'wisher.openid': me }), withStatus({ 'postedBy.openid': me })]) as Data, 'createdAt', page, pageSize);
        break;
      case 'claimed':
        found = await listWishes(_.or([withStatus({ 'claim.openid': me }), withStatus({ 'claim.claimedBy': me })]) as Data, 'claim.at', page, pageSize);
        break;
      case 'review':
      case 'community': {
        const mine = staffCommunities(actor.roles);
        if (communityId && !isStaffOf(actor.roles, communityId)) throw refuse.forbidden('只能查看本社区的心愿');
        if (!mine.length) throw refuse.forbidden('只有社区工作人员可以审核心愿');
        const communities = communityId ? [communityId] : mine;
        found =
          scope === 'review'
            ? await listWishes({ communityId: _.in(communities), status: 'pending' }, 'createdAt', page, pageSize, 'asc')
            : await listWishes(withStatus({ communityId: _.in(communities) }), 'createdAt', page, pageSize);
        break;
      }
    }
    const urls = await photoUrls(found.slice(0, pageSize));
    return toPage(found, page, pageSize, (w) => showWish(w, actor, urls));
  },
};

export const counts: H['counts'] = {
  input: countsInput,
  run: ({ scope, id }) => loadCounts(scope, id),
};
