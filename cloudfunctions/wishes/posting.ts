/**
 * wishes.post: a resident bound to a community posts their own wish; staff of a community post one
 * for a resident who has no phone of their own. It waits for staff (待审核). One read (the caller,
 * by the router) and one write.
 */
import { neededByRefusal, publicNameOf } from '../core/wish';
import { isStaffOf } from '../core/actor';
import type { Wish } from '../../types/wishes';
import { refuse } from '../lib/errors';
import { idFor } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { postInput } from './schemas';
import { insertWish } from './store';
import { showOne } from './views';

export const post: Handlers<'wishes'>['post'] = {
  input: postInput,
  async run(input, { actor, now }) {
    const onBehalf = input.communityId !== undefined || input.wisherName !== undefined || input.wisherPhone !== undefined;
    if (onBehalf && (!input.communityId || !input.wisherName)) throw refuse.invalid('代居民发布心愿时，请选择社区并填写心愿人姓名');
    if (onBehalf && !isStaffOf(actor.roles, input.communityId)) throw refuse.forbidden('只有本社区的工作人员可以代居民发布心愿');
    const communityId = onBehalf ? input.communityId! : actor.communityId;
    if (!communityId) throw refuse.invalid('请先在「我的」里绑定您住的楼栋，再发布心愿');
    const late = neededByRefusal(input.neededBy, now);
    if (late) throw refuse.invalid(late);
    const photos = input.photos ?? [];
    if (photos.some((p) => !ownsPhoto(p, actor.openid))) throw refuse.invalid('只能附上您自己上传的照片（JPG、PNG 或 WebP）');
    const wisher = onBehalf
      ? { openid: null, name: input.wisherName!, phone: input.wisherPhone ?? '', address: input.address }
      : { openid: actor.openid, name: actor.name, phone: actor.phone, address: input.address };
    const wish: Wish = {
      _id: idFor(actor.openid, 'wishes.post', input.requestId),
      communityId,
      title: input.title,
      reason: input.reason,
      neededBy: input.neededBy,
      photos,
      wisher,
      publicName: publicNameOf(wisher.name),
      postedBy: { openid: actor.openid, name: actor.name, onBehalf },
      status: 'pending',
      pairedUnitIds: [],
      pairedUnitNames: {},
      claim: null,
      fulfilment: null,
      declineReason: null,
      approvedAt: null,
      confirmedAt: null,
      entryId: null,
      points: null,
      onWall: false,
      timeline: [{ event: 'post', from: null, to: 'pending', by: actor.openid, byName: actor.name, at: now, note: onBehalf ? `代 ${wisher.name} 发布` : null }],
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    // A retry of a post already made (same person, same request id): the first wish as it stands.
    const first = await insertWish(wish, input.requestId !== undefined);
    if (first && first.postedBy.openid !== actor.openid) throw refuse.conflict('该请求编号已用于另一个心愿');
    return showOne(first ?? wish, actor);
  },
};
