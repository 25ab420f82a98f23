/**
 * Pillar 3 — 敲门行动 (knock on the door): key households, pairing (包挂), visit schedules, visit
 * records, return visits (回访), coverage. Contracts shared by the `visits` function and the app.
 *
 * Privacy (PIPL Art. 28: health and disability facts are sensitive personal information): what a
 * household IS (care categories), free notes and the unmasked phone live apart from what lists
 * need. Lists (`KeyHouseholdSummary`) never carry them; only `detail` returns them (`care`), only
 * to the household's paired visitors and its community's staff, grid workers and secretary, and
 * every such read is logged (`SensitiveRead`) for the secretary.
 */
import type { DemandCategory, Urgency } from './dispatch';

/**
 * Coded care categories (关爱类别), never free-text diagnoses:
 * 独居老人 livingAlone, 空巢老人 emptyNest, 残疾人 disabled, 大病户 seriousIllness, 困难户 hardship,
 * 留守儿童 leftBehindChild, 困境儿童 childInDistress, 其他 other.
 */
export type CareCategory =
  | 'livingAlone'
  | 'emptyNest'
  | 'disabled'
  | 'seriousIllness'
  | 'hardship'
  | 'leftBehindChild'
  | 'childInDistress'
  | 'other';

/**
 * How often a household is visited (its interval comes from configuration, core/visits.ts):
 * weekly 每周 (7 days), fortnightly 每两周 (14 days), monthly 每月 (30 days).
 */
export type CareLevel = 'weekly' | 'fortnightly' | 'monthly';

/** 上门 door, 电话 phone, 视频 video. */
export type VisitMethod = 'door' | 'phone' | 'video';

/** 见到了 contact, or 敲门未遇 noContact (an attempt: it does not reset the schedule). */
export type VisitOutcome = 'contact' | 'noContact';

/** Coded wellbeing seen on a contact visit: 良好 good, 一般 fair, 较差 poor, 需紧急关注 critical. */
export type Wellbeing = 'good' | 'fair' | 'poor' | 'critical';

/**
 * Where a household stands against its due window (a window, not a day):
 * notDue 未到期 (before the window opens), due 待走访 (inside it), overdue 已超期 (past its end).
 */
export type DueStatus = 'notDue' | 'due' | 'overdue';

/** A visitor paired with a household: a member 党员, a grid worker 网格员, staff or the secretary. */
export interface Visitor {
  openid: string;
  name: string;
  kind: 'member' | 'gridWorker' | 'staff' | 'secretary';
  /** When they were paired. */
  since: Date | string;
}

/** A return visit (回访) owed after a demand from the household was resolved. */
export interface ReturnVisitDue {
  demandId: string;
  category: DemandCategory;
  /** When the demand was resolved (verified). */
  resolvedAt: Date | string;
  /** The return visit should be made by then (end of that day, China time). */
  dueBy: Date | string;
}

/**
 * A key household as stored (collection `keyHouseholds`, `_id` = the household's id): only what
 * lists may show and the schedule. Sensitive details are in `HouseholdCare` (collection
 * `householdCare`), which no list reads.
 */
export interface KeyHousehold {
  _id: string;
  communityId: string;
  estateId: string;
  buildingId: string;
  room: string;
  /** Readable place, e.g. 幸福小区1号楼 101. */
  address: string;
  /** false once unmarked (its history stays; it leaves every list). */
  active: boolean;
  careLevel: CareLevel;
  /** Who to ask for at the door. */
  contactName: string;
  /** Always masked (138****1234): the full number is in `HouseholdCare`. */
  contactPhoneMasked: string;
  visitors: Visitor[];
  markedAt: Date | string;
  markedBy: string;
  /** Last visit WITH contact: the schedule runs from it. */
  lastContactAt: Date | string | null;
  /** Last visit of any outcome (an attempt included). */
  lastVisitAt: Date | string | null;
  /** The regular due window from the care level and the last contact. */
  dueFrom: Date | string;
  dueBy: Date | string;
  /** Return visits owed, oldest first. */
  returnsDue: ReturnVisitDue[];
  /** Demands whose return visit was made (so a repeated resolution does not owe another). */
  returnsDone: string[];
  /** The earliest of the regular window and the return visits owed: lists sort and filter on these. */
  nextDueFrom: Date | string;
  nextDueBy: Date | string;
  /** A reminder was sent for the current `nextDueFrom` (false again whenever a new window begins). */
  reminded: boolean;
  updatedAt: Date | string;
  /** Optimistic-concurrency counter: every change increments it. */
  version: number;
}

/** Sensitive care details (collection `householdCare`, `_id` = household id). Read only by `detail`. */
export interface HouseholdCare {
  _id: string;
  communityId: string;
  categories: CareCategory[];
  /** Unmasked: for those who must call. */
  contactPhone: string;
  /** Short, practical (≤ 100 characters), never a diagnosis (refused by the server). */
  notes: string;
  updatedAt: Date | string;
  updatedBy: string;
}

/** A key household as listed: no categories, no notes, a masked phone. */
export interface KeyHouseholdSummary {
  householdId: string;
  communityId: string;
  buildingId: string;
  address: string;
  careLevel: CareLevel;
  contactName: string;
  /** Masked (138****1234), whoever reads the list. */
  contactPhone: string;
  visitors: Pick<Visitor, 'openid' | 'name' | 'kind'>[];
  lastContactAt: Date | string | null;
  lastVisitAt: Date | string | null;
  /** The earliest window owed (regular or return visit). */
  dueFrom: Date | string;
  dueBy: Date | string;
  dueStatus: DueStatus;
  /** Return visits owed (ids and categories of the demands only). */
  returnsDue: ReturnVisitDue[];
}

/** The sensitive part of a household, for permitted readers only (each read is logged). */
export interface CareDetails {
  categories: CareCategory[];
  /** Unmasked. */
  contactPhone: string;
  notes: string;
}

/** What the caller may do with a household now; render buttons from it, nothing else. */
export type KeyHouseholdAction = 'recordVisit' | 'secretaryVisit' | 'updateKey' | 'unmarkKey' | 'pair' | 'unpair';

/** A household's detail for one reader. */
export interface KeyHouseholdDetail extends KeyHouseholdSummary {
  active: boolean;
  /**
   * Sensitive details: present for the household's paired visitors and its community's staff,
   * grid workers and secretary (and that read is logged); null for anyone else who may see the
   * household at all (the county admin).
   */
  care: CareDetails | null;
  /** The latest visits (at most 10), newest first; empty when `care` is null (notes are sensitive). */
  recentVisits: VisitView[];
  /** Pairing changes, newest first (at most 20): staff, grid workers and the secretary only. */
  pairingChanges: PairingChange[];
  allowedActions: KeyHouseholdAction[];
}

/** A need found on a visit: it becomes a demand in the community's triage queue in the same step. */
export interface NeedFound {
  category: DemandCategory;
  /** What is needed, in plain words (1–200 characters, no diagnoses). */
  text: string;
  urgency?: Urgency;
}

/** A visit as stored (collection `visits`). Immutable once written. */
export interface VisitRecord {
  _id: string;
  householdId: string;
  communityId: string;
  /** When the visit happened (may be earlier than `recordedAt`, at most 7 days). */
  at: Date | string;
  recordedAt: Date | string;
  /** `YYYY-MM` of `at` (China time): the coverage month it counts in. */
  month: string;
  visitor: { openid: string; name: string };
  method: VisitMethod;
  outcome: VisitOutcome;
  /** Required with contact; null for 敲门未遇. */
  wellbeing: Wellbeing | null;
  notes: string;
  /** Needs found, each with the demand it became. */
  needs: (NeedFound & { demandId: string })[];
  /** cloud:// file ids (uploaded through dispatch.uploadPhoto by the visitor). */
  photos: string[];
  /** 书记敲门: made by the community's secretary. */
  secretaryVisit: boolean;
  /** The resolved demand this visit is the return visit (回访) for. */
  returnForDemandId: string | null;
  /** A contact visit within its due window (not late); null for 敲门未遇. */
  onTime: boolean | null;
  /** The queues' counters its transaction recorded, until applied (cloudfunctions/lib/effects.ts; never shown). */
  pendingEffects?: Record<string, { key: string; at: Date | string; effects: unknown[] }>;
  effectsDue?: { key: string; at: Date | string } | null;
}

/** A visit as returned to a permitted reader. */
export interface VisitView extends Omit<VisitRecord, 'recordedAt' | 'communityId' | 'pendingEffects' | 'effectsDue'> {
  /** Temporary URLs of the photos. */
  photoUrls: string[];
}

/** One change of pairing (collection `visitPairings`). Append-only. */
export interface PairingChange {
  _id: string;
  householdId: string;
  communityId: string;
  change: 'pair' | 'unpair';
  visitor: { openid: string; name: string };
  by: { openid: string; name: string };
  at: Date | string;
  reason: string;
}

/** One read of a household's sensitive fields (collection `sensitiveReads`). Append-only. */
export interface SensitiveRead {
  _id: string;
  householdId: string;
  address: string;
  communityId: string;
  reader: { openid: string; name: string };
  /** Why the reader was allowed: paired visitor, or the community's staff / grid worker / secretary. */
  readerRole: 'visitor' | 'staff' | 'gridWorker' | 'secretary';
  /** Which action read it (marking and updating answer with the details too). */
  action: 'detail' | 'listVisits' | 'markKey' | 'updateKey';
  at: Date | string;
}

/** What a community's visits in a month add up to (each visit adds to these as it is recorded). */
export interface VisitCounters {
  visits: number;
  /** Visits with contact. */
  contacts: number;
  /** 敲门未遇. */
  noContacts: number;
  /** 书记敲门. */
  secretaryVisits: number;
  /** Return visits (回访) made with contact. */
  returnVisits: number;
  /** Needs found (each became a demand). */
  needsFound: number;
}

/**
 * Coverage of a community for a month. Maintained as one counter document per community and month
 * (collection `visitCoverage`), updated by each visit, so a read never scans visits.
 */
export interface Coverage extends VisitCounters {
  communityId: string;
  month: string;
  /** Active key households now (the denominator). */
  keyHouseholds: number;
  /** Households with at least one contact visit in the month made within their due window. */
  coveredHouseholds: number;
  /** Households with at least one contact visit in the month (late ones included). */
  visitedHouseholds: number;
  /** coveredHouseholds ÷ keyHouseholds; null when there are none. */
  coverageRate: number | null;
  /** Active key households past their due window now (counted live from the households). */
  overdueNow: number;
  /** Visits per visitor in the month, most first. */
  byVisitor: { openid: string; name: string; visits: number; contacts: number }[];
}

/** Which key households. */
export interface KeyHouseholdListRequest {
  /** mine 我的包户 (the caller's paired households); community: staff of that community. */
  scope: 'mine' | 'community';
  /** Staff in more than one community say which (default: their only one). */
  communityId?: string;
  /** due: the window is open (overdue included); overdue: past it. Lists never filter by category. */
  due?: 'due' | 'overdue';
  /** Staff: the households paired with one visitor. */
  visitorOpenid?: string;
  /** Staff: households without any visitor. */
  unpaired?: boolean;
  page?: number;
  pageSize?: number;
}

/** A page of key households, due first. No total (see DemandPage). */
export interface KeyHouseholdPage {
  items: KeyHouseholdSummary[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface VisitPage {
  items: VisitView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface SensitiveReadPage {
  items: SensitiveRead[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** A household of a building as staff see it when choosing one to mark (no sensitive fields). */
export interface BuildingHousehold {
  householdId: string;
  room: string;
  address: string;
  /** Marked as key and active. */
  isKey: boolean;
}

/** Someone staff may pair with a household. */
export interface VisitorCandidate {
  openid: string;
  name: string;
  kind: Visitor['kind'];
  /** The unit of a member (for 党员). */
  unitId: string | null;
}

/** What marking or updating a household sets. */
export interface KeyHouseholdFields {
  /** At least one, each once. */
  categories: CareCategory[];
  careLevel: CareLevel;
  /** 1–20 characters. */
  contactName: string;
  /** A mobile (11 digits) or a landline with its area code (0xxx-xxxxxxx). */
  contactPhone: string;
  /** At most 100 characters, practical, no diagnoses (refused with INVALID_INPUT). */
  notes?: string;
}

/** A visit as recorded by the visitor. */
export interface RecordVisitRequest {
  householdId: string;
  /** When it happened (ISO 8601 with offset); default now; not in the future, at most 7 days back. */
  at?: string;
  method: VisitMethod;
  outcome: VisitOutcome;
  /** Required with contact, not allowed with 敲门未遇. */
  wellbeing?: Wellbeing;
  /** At most 200 characters, no diagnoses (refused with INVALID_INPUT). */
  notes?: string;
  /** Up to 3; only with contact. Each becomes a demand in the triage queue in the same step. */
  needs?: NeedFound[];
  /** Up to 3 photos uploaded by the caller through dispatch.uploadPhoto. */
  photos?: string[];
  /** 书记敲门: only the community's secretary may set it. */
  secretaryVisit?: boolean;
  /** Makes this the return visit (回访) for that resolved demand; it closes with contact. */
  returnForDemandId?: string;
  /**
   * A client-made key (e.g. a random id per form) that makes a retried request safe: the same
   * key from the same person records the visit once.
   */
  requestId?: string;
}

export interface RecordVisitResult {
  visit: VisitView;
  household: KeyHouseholdSummary;
  /** Demands created from the needs found, in order. */
  demandIds: string[];
}

type ByHousehold = { householdId: string };

/** `visits`: Pillar 3. Who may call what is in the README (action × role). */
export interface VisitsApi {
  /** Staff / grid worker / secretary of the household's community: mark it as key (or mark again). */
  markKey: { req: ByHousehold & KeyHouseholdFields; res: KeyHouseholdDetail };
  /** Same roles: change any of the fields. */
  updateKey: { req: ByHousehold & Partial<KeyHouseholdFields>; res: KeyHouseholdDetail };
  /** Same roles: no longer key; its sensitive details are deleted, visitors unpaired, history kept. */
  unmarkKey: { req: ByHousehold & { reason: string }; res: { householdId: string; active: false } };
  /** 我的包户 (due first) or a community's key households (staff). Never sensitive fields. */
  list: { req: KeyHouseholdListRequest; res: KeyHouseholdPage };
  /** A household: sensitive fields for permitted readers (logged); NOT_FOUND for those with no business. */
  detail: { req: ByHousehold; res: KeyHouseholdDetail };
  /** A household's visits, newest first: permitted readers only (logged). */
  listVisits: { req: ByHousehold & { page?: number; pageSize?: number }; res: VisitPage };
  /** Staff / grid worker / secretary: households of a building in their community, to mark one. */
  buildingHouseholds: { req: { buildingId: string }; res: BuildingHousehold[] };
  /** Staff / grid worker / secretary: who may be paired in their community. */
  visitorCandidates: { req: { communityId?: string; page?: number; pageSize?: number }; res: { items: VisitorCandidate[]; page: number; pageSize: number; hasMore: boolean } };
  /** Staff / grid worker / secretary: pair a visitor (包挂). Recorded. Idempotent. */
  pair: { req: ByHousehold & { visitorOpenid: string }; res: KeyHouseholdDetail };
  /** Same roles: end a pairing, with an optional reason. Recorded. */
  unpair: { req: ByHousehold & { visitorOpenid: string; reason?: string }; res: KeyHouseholdDetail };
  /** A paired visitor, or staff / grid worker / secretary of the community. */
  recordVisit: { req: RecordVisitRequest; res: RecordVisitResult };
  /** Staff / secretary of the community (or admin): coverage for a month (YYYY-MM). */
  coverage: { req: { communityId: string; month: string }; res: Coverage };
  /** The community's secretary: who read which household's sensitive fields, newest first. */
  sensitiveReads: { req: { communityId: string; householdId?: string; page?: number; pageSize?: number }; res: SensitiveReadPage };
}
