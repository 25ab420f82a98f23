/** A demand as one reader may see it: anonymity, masked phones, the actions open to them. */
import { handles, isOverdue, type Actor } from '../core/demand';
import { actionsOf, isEscalated, isSupervised } from '../core/supervision';
import { maskPhone } from '../core/mask';
import { canSeeHousehold } from '../core/visits-access';
import type { Demand, DemandDetail, DemandEvent, DemandSummary, PhotoLink } from '../../types/dispatch';
import { tempUrls } from '../lib/storage';
import { timelineFor } from './timeline-view';
import type { Loaded } from './store';

const ANONYMOUS = '匿名居民';

/** The steps that move an overdue item (催办, 改派, 申请延期, 吹哨): a list's card offers those its reader may take. */
const OVERDUE_MOVES: DemandEvent[] = ['urge', 'redispatch', 'extend', 'escalate'];

/** Hidden from whoever neither asked nor handles it, when the resident asked anonymously. */
export function hidesSubmitter(d: Demand, reader: Actor): boolean {
  return d.anonymous && d.submitter.openid !== reader.openid && !handles(d, reader);
}

function submitterName(d: Demand, reader: Actor): string {
  if (hidesSubmitter(d, reader)) return ANONYMOUS;
  // A need found at a door is the household's, reported by its visitor.
  return d.source === 'visit' ? `${d.submitter.name}（走访发现）` : d.submitter.name;
}

/** The person who asked, and not someone working on it: they get the resident's view. */
function isResidentView(d: Demand, reader: Actor): boolean {
  return d.submitter.openid === reader.openid && !handles(d, reader);
}

/** The phone shown beside the submitter: nothing for an anonymous one or a visitor's own number to those who do not handle it. */
function submitterPhone(d: Demand, reader: Actor, mayCall: boolean): string {
  if (mayCall) return d.submitter.phone;
  if (hidesSubmitter(d, reader) || d.source === 'visit') return '';
  return maskPhone(d.submitter.phone);
}

export function toDemandSummary(d: Demand, reader: Actor, now: Date): DemandSummary {
  // The internal flags go to those who work on it; a resident reads the status alone.
  const worker = d.submitter.openid !== reader.openid || handles(d, reader);
  const overdue = isOverdue(d, now);
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
    overdue,
    finishBy: d.dispatch?.finishBy ?? null,
    submitterName: submitterName(d, reader),
    escalated: worker && isEscalated(d),
    supervised: worker && isSupervised(d),
    extensionPending: worker && d.extension?.status === 'pending',
    overdueActions: overdue && worker ? actionsOf(d, reader, now).filter((e) => OVERDUE_MOVES.includes(e)) : [],
  };
}

/** The whole detail, photos linked (one storage call for all of them) and its units named. */
export async function toDemandDetail({ demand: d, unitNames, keyHousehold }: Loaded, reader: Actor, now: Date): Promise<DemandDetail> {
  const completion = d.completion?.photos ?? [];
  const urls = await tempUrls([...d.photos, ...completion]);
  const link = (fileID: string): PhotoLink => ({ fileID, url: urls.get(fileID) ?? '' });
  const units = d.dispatch ? [...new Set([...(d.dispatch.unitId ? [d.dispatch.unitId] : []), ...d.dispatch.offeredTo])] : [];
  // Only whoever must call (the community's staff, the unit's liaison, the members doing the work)
  // sees the number; everyone else, the resident included, sees it masked as everywhere else.
  const mayCall = handles(d, reader);
  const residentView = isResidentView(d, reader);
  const named = Object.fromEntries(units.filter((u) => unitNames[u] !== undefined).map((u) => [u, unitNames[u]]));
  const household = d.household
    ? {
        ...d.household,
        contactPhone: mayCall ? d.household.contactPhone : maskPhone(d.household.contactPhone),
        mayOpen: canSeeHousehold(keyHousehold ?? { communityId: d.communityId, visitors: [] }, reader),
      }
    : null;
  return {
    ...toDemandSummary(d, reader, now),
    photos: d.photos.map(link),
    anonymous: d.anonymous,
    submitterPhone: submitterPhone(d, reader, mayCall),
    dispatch: d.dispatch,
    unitNames: named,
    // The resident follows the work, not the people: how many members, never who.
    claims: residentView ? d.claims.map((c) => ({ ...c, openid: '', name: '' })) : d.claims,
    completion: d.completion ? { ...d.completion, photos: completion.map(link) } : null,
    rating: d.rating,
    reopenCount: d.reopenCount,
    mergedInto: d.mergedInto,
    escalatedAt: d.escalatedAt,
    supervisedAt: d.supervisedAt ?? null,
    extension: d.extension ?? null,
    extensions: d.extensions ?? 0,
    returnVisits: mayCall ? d.returnVisits : d.returnVisits.map((v) => ({ ...v, by: '' })),
    timeline: timelineFor(d, reader, { mayCall, residentView, hideSubmitter: hidesSubmitter(d, reader), unitNames: named }),
    source: d.source ?? 'resident',
    household,
    residentView,
    allowedActions: actionsOf(d, reader, now),
  };
}
