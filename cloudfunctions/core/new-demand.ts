/**
 * A new demand as Pillar 1 stores it (pure), built in one place for everyone who creates demands: a
 * resident's `dispatch.submit` and a need found on a visit (`visits.recordVisit`). Both land in
 * the community's triage queue as `submitted` with their first timeline event.
 */
import type { Demand, DemandCategory, DemandHousehold, DemandKind, DemandSource, Urgency } from '../../types/dispatch';

export interface NewDemand {
  /** A fresh id (lib/ids.ts), or a fixed one that makes the creation idempotent (a visit's needs). */
  _id: string;
  kind?: DemandKind;
  category: DemandCategory;
  text: string;
  photos?: string[];
  urgency?: Urgency;
  anonymous?: boolean;
  /** Who it is for: they follow it and rate it. */
  submitter: Demand['submitter'];
  onBehalfBy?: string | null;
  communityId: string;
  buildingId: string | null;
  /** Its building's estate (null: no building). */
  estateId: string | null;
  householdId?: string | null;
  /** 'visit' for a need found on a visit (its submitter is the visitor; the household comes with it). */
  source?: DemandSource;
  /** The household as it is now: address, whom to ask for, their phone. */
  household?: DemandHousehold | null;
  /** Who made it (the first timeline event's actor). */
  actor: { openid: string; name: string };
  now: Date;
}

export function newDemand(n: NewDemand): Demand {
  return {
    _id: n._id,
    kind: n.kind ?? 'demand',
    category: n.category,
    text: n.text,
    photos: n.photos ?? [],
    urgency: n.urgency ?? 'normal',
    anonymous: n.anonymous ?? false,
    status: 'submitted',
    submitter: n.submitter,
    onBehalfBy: n.onBehalfBy ?? null,
    communityId: n.communityId,
    buildingId: n.buildingId,
    estateId: n.estateId,
    householdId: n.household?.id ?? n.householdId ?? null,
    source: n.source ?? 'resident',
    household: n.household ?? null,
    rateReminder: null,
    createdAt: n.now,
    dispatch: null,
    claims: [],
    claimedCount: 0,
    openSlots: 0,
    completion: null,
    rating: null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    resolvedAt: null,
    timeline: [{ at: n.now, actor: n.actor.openid, actorName: n.actor.name, event: 'submit', from: null, to: 'submitted' }],
    version: 1,
  };
}
