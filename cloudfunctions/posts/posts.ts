/**
 * 设岗定责 and 责任区: staff define posts and zones, members claim them (认岗位), log work done in
 * them, and staff verify it — hours and points through the ledger (`post_<logId>`, once, capped).
 */
import { canManagePost, canSeeLog, claimPostRefusal, logRefusal, logTransition, postClaimId, type LogStep } from '../core/posts';
import { isStaffOf, staffCommunities } from '../core/actor';
import type { Post, PostClaim, PostLog } from '../../types/posts';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { loadCommunityWithUnits } from '../lib/pairings';
import { loadRules } from '../lib/points-rules';
import { toPage } from '../lib/paging';
import type { Ctx, Handlers } from '../lib/router';
import { byId, createPostInput, listLogsInput, listPostsInput, logWorkInput, pagingInput, returnLogInput } from './schemas';
import { _, CLAIMS, claimsOf, insert, loadClaim, loadPost, LOGS, logInTransaction, page, POSTS, saveClaim, setPost } from './store';
import { showLog, showPost } from './views';

type H = Handlers<'posts'>;

export const createPost: H['createPost'] = {
  input: createPostInput,
  async run(input, { actor, now }) {
    if (!isStaffOf(actor.roles, input.communityId)) throw refuse.forbidden('只有本社区的工作人员可以设岗');
    const community = await loadCommunityWithUnits(input.communityId);
    if (!community) throw refuse.notFound('社区');
    const post: Post = {
      _id: newId(),
      ...input,
      communityName: community.name,
      pairedUnitIds: community.units.map((u) => u.id),
      holders: 0,
      createdBy: { openid: actor.openid, name: actor.name },
      archived: false,
      createdAt: now,
    };
    await insert(POSTS, post);
    return showPost(post, actor, false);
  },
};

export const archivePost: H['archivePost'] = {
  input: byId,
  async run({ id }, { actor }) {
    const p = await loadPost(id);
    if (!p || !canManagePost(p, actor)) throw refuse.notFound('岗位');
    const next = { ...p, archived: true };
    if (!p.archived) await setPost(next);
    return showPost(next, actor, false);
  },
};

export const listPosts: H['listPosts'] = {
  input: listPostsInput,
  async run({ communityId, kind, page: pageNo = 1, pageSize = 10 }, { actor }) {
    const community = communityId ?? actor.communityId ?? staffCommunities(actor.roles)[0];
    if (!community) throw refuse.invalid('请先在「我的」里绑定您住的楼栋，再看本社区的岗位');
    const found = await page<Post>(POSTS, { communityId: community, archived: false, ...(kind ? { kind } : {}) }, 'createdAt', pageNo, pageSize);
    const shown = found.slice(0, pageSize);
    const mine = await claimsOf(actor.openid, shown.map((p) => p._id));
    return toPage(found, pageNo, pageSize, (p) => showPost(p, actor, mine.has(p._id)));
  },
};

export const claimPost: H['claimPost'] = {
  input: byId,
  async run({ id }, { actor, now }) {
    const p = await loadPost(id);
    if (!p) throw refuse.notFound('岗位');
    const refused = claimPostRefusal(p, actor);
    if (refused) throw new AppError(refused.code, refused.message);
    const claim: PostClaim = { _id: postClaimId(p._id, actor.openid), postId: p._id, postName: p.name, kind: p.kind, communityId: p.communityId, openid: actor.openid, name: actor.name, unitId: actor.unitId, hours: {}, at: now };
    const { post } = await saveClaim(claim);
    return showPost(post, actor, true);
  },
};

export const myPosts: H['myPosts'] = {
  input: pagingInput,
  async run({ page: pageNo = 1, pageSize = 10 }, { actor }) {
    const found = await page<PostClaim>(CLAIMS, { openid: actor.openid }, 'at', pageNo, pageSize);
    return toPage(found, pageNo, pageSize, (c) => c);
  },
};

/** The holder logs work: the claim (one read: it names the post and proves the holding) and the log (one write). */
export const logWork: H['logWork'] = {
  input: logWorkInput,
  async run({ postId, workedOn, hours, note }, { actor, now }) {
    const bad = logRefusal(workedOn, hours, now);
    if (bad) throw new AppError(bad.code, bad.message);
    const claim = await loadClaim(postId, actor.openid);
    if (!claim) throw refuse.forbidden('请先认领这个岗位，再登记服务');
    const log: PostLog = {
      _id: newId(),
      postId,
      postName: claim.postName,
      communityId: claim.communityId,
      openid: actor.openid,
      name: actor.name,
      unitId: actor.unitId,
      home: { communityId: actor.communityId, unitId: actor.unitId },
      workedOn,
      hours,
      note,
      status: 'pending',
      decidedBy: null,
      returnReason: null,
      entryId: null,
      points: null,
      version: 1,
      createdAt: now,
    };
    await insert(LOGS, log);
    return showLog(log, actor);
  },
};

const seen = (l: PostLog | null, ctx: Ctx): PostLog => {
  if (!l || !canSeeLog(l, ctx.actor)) throw refuse.notFound('服务记录');
  return l;
};

/** 验收: the log, the entry, the account and the claim's hours in one transaction; verified twice → points once. */
export const verifyLog: H['verifyLog'] = {
  input: byId,
  async run({ id }, ctx) {
    const rules = await loadRules();
    const step: LogStep = { event: 'verify', rules };
    const r = await logInTransaction(id, (l) => logTransition(seen(l, ctx), step, ctx.actor, ctx.now), ctx.now, rules);
    return showLog(r.log, ctx.actor);
  },
};

export const returnLog: H['returnLog'] = {
  input: returnLogInput,
  async run({ id, reason }, ctx) {
    const r = await logInTransaction(id, (l) => logTransition(seen(l, ctx), { event: 'return', reason }, ctx.actor, ctx.now), ctx.now);
    return showLog(r.log, ctx.actor);
  },
};

export const listLogs: H['listLogs'] = {
  input: listLogsInput,
  async run({ scope, page: pageNo = 1, pageSize = 10 }, { actor }) {
    let found: PostLog[];
    if (scope === 'mine') found = await page<PostLog>(LOGS, { openid: actor.openid }, 'createdAt', pageNo, pageSize);
    else {
      const mine = staffCommunities(actor.roles);
      if (!mine.length) throw refuse.forbidden('只有社区工作人员可以验收服务记录');
      found = await page<PostLog>(LOGS, { communityId: _.in(mine), status: 'pending' }, 'createdAt', pageNo, pageSize, 'asc');
    }
    return toPage(found, pageNo, pageSize, (l) => showLog(l, actor));
  },
};
