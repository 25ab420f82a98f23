/** What the caller may see of posts, logs and pledges, with the steps they may take now. */
import { allowedLogActions, allowedPledgeActions, canManagePost, claimPostRefusal } from '../core/posts';
import type { Actor } from '../core/actor';
import type { Pledge, PledgeView, Post, PostLog, PostLogView, PostView, ResidentVerdict } from '../../types/posts';
import { tempUrls } from '../lib/storage';

export const showPost = (p: Post, a: Actor, claimed: boolean): PostView => ({ ...p, claimed, canClaim: !claimed && !claimPostRefusal(p, a), canManage: canManagePost(p, a) });

export function showLog(l: PostLog, a: Actor): PostLogView {
  const { home: _home, version: _version, ...rest } = l;
  return { ...rest, allowedActions: allowedLogActions(l, a) };
}

export async function pledgeUrls(pledges: Pledge[]): Promise<Map<string, string>> {
  return tempUrls([...new Set(pledges.flatMap((p) => p.fulfilment?.photos ?? []))]);
}

export function showPledge(p: Pledge, a: Actor, urls: Map<string, string>, mine: ResidentVerdict | null): PledgeView {
  const { version: _version, fulfilment, ...rest } = p;
  return {
    ...rest,
    fulfilment: fulfilment ? { note: fulfilment.note, at: fulfilment.at, photos: fulfilment.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })) } : null,
    allowedActions: allowedPledgeActions(p, a, mine),
    myVerdict: mine,
  };
}
