/** Pillar 1 — demands and their dispatch: contracts shared by the `dispatch` function and the app. */

/** 诉求 (a need or problem), 微心愿 (a small wish), 吹哨 (an urgent call on units). */
export type DemandKind = 'demand' | 'wish' | 'whistle';

/** Categories a resident picks from (coded, so that statistics group cleanly). */
export type DemandCategory = 'elderlyCare' | 'environment' | 'facilities' | 'safety' | 'neighbourhood' | 'employment' | 'health' | 'other';

/** Urgency grade; each grade's SLA comes from configuration (core/sla.ts). 紧急 / 一般 / 复杂. */
export type Urgency = 'urgent' | 'normal' | 'complex';

/**
 * Where a demand is in its life.
 * submitted 待受理 → handling 社区办理中 | dispatched 已派单 | merged 已合并 | declined 不予受理;
 * dispatched → accepted 已接单 (or back to submitted on 退单); accepted → completed 待验收 (every
 * claim done); completed → verified 待评价 (or back to accepted: 退回重办); handling → verified;
 * verified → closed 已办结 (满意 / 基本满意) or reopened once (不满意), a second 不满意 → escalated 已吹哨;
 * escalated → dispatched (redispatched by the secretary) or closed.
 */
export type DemandStatus =
  | 'submitted'
  | 'handling'
  | 'dispatched'
  | 'accepted'
  | 'completed'
  | 'verified'
  | 'closed'
  | 'declined'
  | 'merged'
  | 'escalated';

/** What a person can do to a demand. Each is an action of the `dispatch` function. */
export type DemandEvent =
  | 'handle' // staff: 小事不出小区 — handle inside the community
  | 'dispatch' // staff: 派单 to a paired unit, or offered to all paired units
  | 'merge' // staff: a duplicate of another demand
  | 'decline' // staff: 不予受理, with a reason the resident sees
  | 'accept' // liaison: 接单
  | 'reject' // liaison: 退单, with a reason (back to the community)
  | 'assign' // liaison: assign members to slots
  | 'claim' // member: 认领 a slot
  | 'withdraw' // member: give a slot back before finishing
  | 'complete' // member (own claim) or staff (a demand handled in the community): 办结
  | 'verify' // staff: 验收 passed
  | 'sendBack' // staff: 验收 failed, with a reason
  | 'rate' // the resident who submitted: 评价
  | 'returnVisit' // staff: 回访 note after closing
  | 'escalate' // secretary: 吹哨 — call the units and the town in on an urgent or stuck item (a flag)
  | 'close' // secretary: close an escalated demand with a note
  | 'extend' // liaison: 延期 — ask for a later finish date, with a reason, before the deadline passes
  | 'approveExtension' // staff: approve the pending 延期 (the finish time moves)
  | 'refuseExtension' // staff: refuse the pending 延期, with a reason
  | 'urge' // staff, town, admin: 催办 an overdue item (once per person per item per day)
  | 'supervise' // town, admin: 督办 — the item is under supervision until resolved
  | 'redispatch'; // staff: 改派 an overdue item (or one whose 延期 was refused) to another paired unit

export type Rating = 'satisfied' | 'basic' | 'unsatisfied';

/** A slot taken by a member. */
export interface Claim {
  openid: string;
  name: string;
  at: Date | string;
  /** 'assigned' when the liaison put the member there. */
  by: 'self' | 'liaison';
  done: boolean;
  /** Hours the member reports on completion. */
  hours: number | null;
}

/** One immutable step of a demand's timeline. */
export interface TimelineEvent {
  at: Date | string;
  /** openid of whoever acted; 'system' for automatic steps. */
  actor: string;
  actorName: string;
  event: DemandEvent | 'submit';
  from: DemandStatus | null;
  to: DemandStatus;
  /** Why, in the actor's words (decline, reject, send back, rating comment …). */
  reason?: string;
}

/** A demand as stored (collection `demands`). */
export interface Demand {
  _id: string;
  kind: DemandKind;
  category: DemandCategory;
  text: string;
  /** cloud:// file ids. */
  photos: string[];
  urgency: Urgency;
  /** Hidden from other residents (staff and the handling unit still see who asked). */
  anonymous: boolean;
  status: DemandStatus;
  submitter: { openid: string; name: string; phone: string };
  /** Submitted by staff on the resident's behalf. */
  onBehalfBy: string | null;
  communityId: string;
  buildingId: string | null;
  /**
   * The 小区（网格） of its building when it was filed (null: no building, 「未关联小区」), so that
   * every later step counts it for the same estate (core/stats.ts). Missing on demands filed
   * before estates were counted: those are left out of the estate figures.
   */
  estateId?: string | null;
  /** The household it concerns (Pillar 3 visits link it). */
  householdId: string | null;
  /** Where it came from: reported by a resident (or staff for them), or a need found on a visit (走访发现). */
  source?: DemandSource;
  /** The household as it was when the need was found on a visit (address, whom to ask for). */
  household?: DemandHousehold | null;
  /** Reminders to rate sent while it waits for the rating (3 and 7 days after 验收; at most two a round). */
  rateReminder?: RateReminder | null;
  createdAt: Date | string;
  /** Set on dispatch. */
  dispatch: DispatchInfo | null;
  claims: Claim[];
  /** Number of claims, for the compare-and-set that keeps claims within slots. */
  claimedCount: number;
  /** slots − claimedCount (0 until dispatched): lets 可认领 be one indexed query. */
  openSlots: number;
  completion: { notes: string; photos: string[]; at: Date | string } | null;
  rating: { value: Rating; comment: string; at: Date | string } | null;
  /** Times a 不满意 rating sent it back to work (at most once before escalation). */
  reopenCount: number;
  mergedInto: string | null;
  /** 吹哨: when the secretary called the units and the town in (a flag, whatever the status). */
  escalatedAt: Date | string | null;
  /** The town (镇街) of its community, from the community's region path; set on the first step if missing. */
  townId?: string | null;
  /** 督办: when the town or county put it under supervision, and who (until it is resolved). */
  supervisedAt?: Date | string | null;
  supervisedBy?: string | null;
  /** The latest 延期 request and its decision (earlier ones are in the timeline). */
  extension?: Extension | null;
  /** Approved extensions (counted on the 三率 card; the item never leaves the denominators). */
  extensions?: number;
  /** 改派: the units it was taken from, when and why (each keeps it in its 解决率 denominator). */
  redispatches?: Redispatch[];
  returnVisits: { at: Date | string; by: string; note: string }[];
  resolvedAt: Date | string | null;
  timeline: TimelineEvent[];
  /** Optimistic-concurrency counter: every change increments it. */
  version: number;
  /**
   * Effects of steps not yet applied, by step key (core/demand PendingEffects), written in the
   * same write as the step and removed once applied (lib/effects.ts). Never shown to anyone.
   */
  pendingEffects?: Record<string, { key: string; at: Date | string; effects: unknown[] }>;
  /** The latest step whose effects were recorded and not yet known applied: the repair timer's index. */
  effectsDue?: { key: string; at: Date | string } | null;
  /** The client's request id of the submission that filed it (a retry returns this demand). */
  requestId?: string | null;
}

export type DemandSource = 'resident' | 'visit';

/** The household a demand is about, copied when a visit found the need. */
export interface DemandHousehold {
  /** The household's id (the key household's too). */
  id: string;
  /** Readable place, e.g. 幸福小区1号楼 101. */
  address: string;
  /** Whom to ask for at the door. */
  contactName: string;
  /** Unmasked as stored: the views mask it for anyone who does not handle the demand. */
  contactPhone: string;
}

/** The rating reminders of the current round of 待评价 (a reopened demand verified again starts a new round). */
export interface RateReminder {
  /** When the demand came to wait for its rating. */
  since: Date | string;
  /** Reminders sent so far this round (0, 1 or 2). */
  sent: number;
  /** When the next one is due; null once both were sent. */
  nextAt: Date | string | null;
}

export interface DispatchInfo {
  /** The unit, or null while offered to every paired unit (the first to accept takes it). */
  unitId: string | null;
  /** Units it was offered to. */
  offeredTo: string[];
  slots: number;
  expectedHours: number;
  dispatchedAt: Date | string;
  /** `YYYY-MM` of dispatch: the scorecard month the item counts in. */
  month: string;
  acceptBy: Date | string;
  finishBy: Date | string;
  acceptedAt: Date | string | null;
  acceptedWithinSla: boolean | null;
}

/** 延期: a unit's request for a later finish date, and the community's decision on it. */
export interface Extension {
  status: 'pending' | 'approved' | 'refused';
  /** The finish date asked for. */
  until: Date | string;
  /** The finish date it replaces. */
  previous: Date | string;
  reason: string;
  requestedBy: string;
  requestedAt: Date | string;
  decidedBy?: string;
  decidedAt?: Date | string;
  /** Why it was refused. */
  decision?: string;
}

/** A demand as listed: no timeline, no contact details. */
export interface DemandSummary {
  _id: string;
  kind: DemandKind;
  category: DemandCategory;
  text: string;
  urgency: Urgency;
  status: DemandStatus;
  communityId: string;
  unitId: string | null;
  slots: number | null;
  claimedCount: number;
  createdAt: Date | string;
  /** Past its accept or finish time and still open. */
  overdue: boolean;
  finishBy: Date | string | null;
  /** Submitter's name, or '匿名居民' when anonymous and the reader is another resident. */
  submitterName: string;
  /** 已吹哨 and 督办 while unresolved (flags, shown beside the status). */
  escalated?: boolean;
  supervised?: boolean;
  /** A 延期 request waits for the community's decision. */
  extensionPending?: boolean;
  /** Overdue: the steps that move it this reader may take now (催办, 改派, 申请延期, 吹哨), offered on its card. */
  overdueActions?: DemandEvent[];
}

/** A stored photo and the temporary URL that shows it ('' when storage has no file for it). */
export interface PhotoLink {
  /** cloud:// file id. */
  fileID: string;
  url: string;
}

/**
 * A demand's detail for one reader: what they may see and what they may do now — everything the
 * detail page shows, in one call.
 */
export interface DemandDetail extends DemandSummary {
  /** The photos it was reported with (the completion's own photos are under `completion`). */
  photos: PhotoLink[];
  anonymous: boolean;
  /** Phone, masked unless the reader handles the demand. */
  submitterPhone: string;
  dispatch: DispatchInfo | null;
  /** Names of the units it concerns — its unit and every unit it is offered to — by unit id. */
  unitNames: Record<string, string>;
  claims: Claim[];
  /** The work reported done, with the photos taken of it. */
  completion: { notes: string; photos: PhotoLink[]; at: Date | string } | null;
  rating: Demand['rating'];
  reopenCount: number;
  mergedInto: string | null;
  escalatedAt: Date | string | null;
  supervisedAt?: Date | string | null;
  extension?: Extension | null;
  extensions?: number;
  returnVisits: Demand['returnVisits'];
  timeline: TimelineEvent[];
  /** Where it came from (a need found on a visit reads 「张伟（走访发现）」). */
  source: DemandSource;
  /**
   * The household it is about: the phone masked unless the reader handles the demand; `mayOpen`
   * when the reader may open the key household's page (its visitors, its community's staff, the admin).
   */
  household: (DemandHousehold & { mayOpen: boolean }) | null;
  /**
   * The reader is the person who asked and does not work on it: the app shows them the resident's
   * view (where it is, who has it, by when), and the timeline names organisations, not staff.
   */
  residentView: boolean;
  /** Computed by the same rules that enforce them: render buttons from this, nothing else. */
  allowedActions: DemandEvent[];
}

/** Which list. */
export type DemandListScope = 'mine' | 'triage' | 'community' | 'unit' | 'claimable' | 'myTasks' | 'supervision';

/** Flags a list can ask for: 已吹哨 and 督办 items not yet resolved. */
export type DemandFlag = 'escalated' | 'supervised';

export interface DemandListRequest {
  scope: DemandListScope;
  status?: DemandStatus;
  urgency?: Urgency;
  overdue?: boolean;
  flag?: DemandFlag;
  /**
   * One queue of the scope (the segments with counts): staff (`community`) 办理中 `working`, 待验收
   * `verify`, 回访 `returnVisit`; liaison (`unit`) 待接单 `toAccept`, 待指派 `toAssign`, 办理中 `inProgress`.
   */
  queue?: ListQueue;
  page?: number;
  pageSize?: number;
}

export type ListQueue = 'working' | 'verify' | 'returnVisit' | 'toAccept' | 'toAssign' | 'inProgress';

/**
 * Every queue's count for the caller, read from maintained counters (dispatch.queueCounts): a role's
 * part is there when the caller has that role. 超期 is counted at the moment of the call.
 */
export interface QueueCounts {
  /** Staff: 待受理, 办理中 (社区自办, 待接单, 已接单), 待验收, 超期, 回访 (closed, no 回访 yet). */
  staff?: { triage: number; working: number; verify: number; overdue: number; returnVisit: number };
  /** Liaison: 待接单, 待指派 (free slots), 办理中 (slots full), 超期. */
  liaison?: { toAccept: number; toAssign: number; inProgress: number; overdue: number };
  /** Member: 可认领, 我的任务. */
  member?: { claimable: number; myTasks: number };
  /** Town (its towns) or county (admin): 超期, 已吹哨, 督办 — unresolved. */
  supervision?: { overdue: number; escalated: number; supervised: number };
}

/** What dispatch.reconcileQueues found: every counter that differs from a recount of the demands. */
export interface QueueReconcileReport {
  demands: number;
  documents: number;
  /** Counters (numbers) and a community document's labels (`scope`, `townId`: strings). */
  differences: { doc: string; field: string; cached: number | string | null; computed: number | string | null }[];
}

/**
 * A page of demands. No total: counting would cost a second database request on every list, so
 * the server reads one item more than asked and says whether there is more.
 */
export interface DemandPage {
  items: DemandSummary[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** 三率 scorecard of a community or a unit for one month (items counted by dispatch month). */
/** One 改派: the unit (or offered units) it was taken from. */
export interface Redispatch {
  from: string[];
  at: Date | string;
  reason: string;
  /** When the unit it was taken from had accepted it (its acceptance stays counted for the community). */
  acceptedAt: Date | string | null;
}

export interface Scorecard {
  scope: 'community' | 'unit';
  id: string;
  month: string;
  dispatched: number;
  acceptedWithinSla: number;
  resolved: number;
  /** Open items past their finish time, counted live. */
  openOverdue: number;
  rated: number;
  satisfiedOrBasic: number;
  /** Approved 延期 of the month's items (they stay in every denominator). */
  extended?: number;
  /** Items taken from this unit by 改派 while unresolved: counted as unresolved past deadline for good. */
  reassigned?: number;
  /** null when the denominator is 0. */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  avgAcceptHours: number | null;
  avgResolveHours: number | null;
}
