/** A demand as one reader may see it: anonymity, masked phones, the actions open to them. */
import { handles, isOverdue, type Actor } from '../core/demand';
import { actionsOf, isEscalated, isSupervised } from '../core/supervision';
import { maskPhone } from '../core/mask';
import type { Demand, DemandDetail, DemandSummary, PhotoLink } from '../../types/dispatch';
import { tempUrls } from '../lib/storage';
import type { Loaded } from './store';

const ANONYMOUS = '匿名居民';

function submitterName(d: Demand, reader: Actor): string {
  const self = d.submitter.openid === reader.openid;
  return d.anonymous && !self && !handles(d, reader) ? ANONYMOUS : d.submitter.name;
}

export function toDemandSummary(d: Demand, reader: Actor, now: Date): DemandSummary {
  // The internal flags go to those who work on it; a resident reads the status alone.
  const worker = d.submitter.openid !== reader.openid || handles(d, reader);
  return {
    _id: d._id,
    kind: d.kind,
    category: d.category,
    text: d.text,
    urgency: d.urgency,
    status: d.status,
    communityId: d.communityId,
    unitId: d.dispatch?.unitId ?? null,
    slots: d.dispatch?.slots ?? null,
    claimedCount: d.claimedCount,
    createdAt: d.createdAt,
    overdue: isOverdue(d, now),
    finishBy: d.dispatch?.finishBy ?? null,
    submitterName: submitterName(d, reader),
    escalated: worker && isEscalated(d),
    supervised: worker && isSupervised(d),
    extensionPending: worker && d.extension?.status === 'pending',
  };
}

/** The whole detail, photos linked (one storage call for all of them) and its units named. */
export async function toDemandDetail({ demand: d, unitNames }: Loaded, reader: Actor, now: Date): Promise<DemandDetail> {
  const completion = d.completion?.photos ?? [];
  const urls = await tempUrls([...d.photos, ...completion]);
  const link = (fileID: string): PhotoLink => ({ fileID, url: urls.get(fileID) ?? '' });
  const units = d.dispatch ? [...new Set([...(d.dispatch.unitId ? [d.dispatch.unitId] : []), ...d.dispatch.offeredTo])] : [];
  // Only whoever must call (the community's staff, the unit's liaison, the members doing the work)
  // sees the number; everyone else, the resident included, sees it masked as everywhere else.
  const mayCall = handles(d, reader);
  return {
    ...toDemandSummary(d, reader, now),
    photos: d.photos.map(link),
    anonymous: d.anonymous,
    submitterPhone: mayCall ? d.submitter.phone : maskPhone(d.submitter.phone),
    dispatch: d.dispatch,
    unitNames: Object.fromEntries(units.filter((u) => unitNames[u] !== undefined).map((u) => [u, unitNames[u]])),
    claims: d.claims,
    completion: d.completion ? { ...d.completion, photos: completion.map(link) } : null,
    rating: d.rating,
    reopenCount: d.reopenCount,
    mergedInto: d.mergedInto,
    escalatedAt: d.escalatedAt,
    supervisedAt: d.supervisedAt ?? null,
    extension: d.extension ?? null,
    extensions: d.extensions ?? 0,
    returnVisits: d.returnVisits,
    timeline: d.timeline,
    allowedActions: actionsOf(d, reader, now),
  };
}
