/**
 * Pillar 2 — volunteer points (志愿积分): contracts shared by the `points` function and the app.
 *
 * Points and hours are separate figures. Every change of either is one ledger entry (积分明细) that
 * is never edited or removed; a correction or refund is a reversing entry of its own. An entry's
 * `_id` is its source key, so one source awards one person at most once. Each person's account
 * (balance, hours, period totals) is a cache updated in the same transaction as the entry, and
 * `reconcile` recomputes it from the ledger.
 */
import type { Paged } from './domain';

/** What created a ledger entry. */
export type LedgerSourceType =
  /** Verified dispatch work (a demand or 微心愿): the member's reported hours. Key `demand_<demandId>_<openid>`. */
  | 'service'
  /** A 微心愿 from the wall, confirmed received: the claimant's `perWish` points. Key `wish_<wishId>`. */
  | 'wish'
  /** Verified hours in a service post or zone (设岗定责 / 责任区). Key `post_<postLogId>`. */
  | 'post'
  /** Approved hours of a volunteer activity. Key `activity_<activityId>_<openid>`. */
  | 'activity'
  /** The monthly 双报到 check-in. Key `checkin_<YYYY-MM>_<openid>`. */
  | 'checkIn'
  /** A manual award by community staff, with a reason. Key `award_<random>`. */
  | 'award'
  /** Points held by a redemption (negative). Key `redeem_<redemptionId>`. */
  | 'redeem'
  /** A cancelled redemption's points given back (positive). Key `refund_<redemptionId>`. */
  | 'refund'
  /** A correction: the exact opposite of an earlier entry. Key `reverse_<entryId>`. */
  | 'reversal';

/** One ledger entry (collection `pointLedger`). Never updated, never removed. */
export interface LedgerEntry {
  /** The source key (see LedgerSourceType): a second write of the same key is refused by the database. */
  _id: string;
  /** Whose account. */
  openid: string;
  name: string;
  /** Points added (negative: spent or reversed). Whole numbers. */
  points: number;
  /** Points the source asked for before the day/month caps (equal to `points` when not capped). */
  requestedPoints: number;
  /** Service hours added (negative only in a reversal). Multiples of 0.5. */
  hours: number;
  source: {
    type: LedgerSourceType;
    /** The demand, activity, month (YYYY-MM), redemption or reversed entry it comes from. */
    id: string;
    /** A short Chinese description for the history list, e.g. 「楼道灯维修」. */
    label: string;
  };
  /** Why, in words: the award's reason, the reversal's reason, or a generated description. */
  reason: string;
  /** Who caused it: the verifying / approving / awarding staff, the member themselves, or 'system'. */
  actor: string;
  actorName: string;
  /** The community the points were earned for (the leaderboard it counts in); null for redeem/refund. */
  communityId: string | null;
  /** The person's unit at the time (members), for the unit leaderboard. */
  unitId: string | null;
  /** For a reversal: the entry it reverses. */
  reverses: string | null;
  /**
   * A redemption or refund: the person's home community and unit when it was written — the
   * tallies its 已兑换 counts on, so `reconcile` can recompute them. Absent on other entries, and on
   * redemptions written before it was recorded (reconcile leaves their 已兑换 unchecked and counts them).
   */
  home?: { communityId: string | null; unitId: string | null };
  at: Date | string;
  /** China-time day, month and year of `at`: the periods it counts in. */
  day: string;
  month: string;
  year: string;
}

/** Period totals of an account. Earned points only: redemptions and refunds do not count here. */
export interface PeriodTotals {
  points: number;
  hours: number;
}

/**
 * A person's cached account (collection `pointAccounts`, `_id` = openid). Created by the first
 * entry; always equal to what the ledger adds up to.
 */
export interface PointAccount {
  _id: string;
  name: string;
  communityId: string | null;
  unitId: string | null;
  /** Points available: every entry's points added up. Never negative. */
  balance: number;
  /** All earned points (positive sources minus their reversals), never reduced by spending. */
  earned: number;
  /** All service hours. */
  hours: number;
  /** Earned totals by year (YYYY) and month (YYYY-MM). */
  years: Record<string, PeriodTotals>;
  months: Record<string, PeriodTotals>;
  /**
   * Capped points earned per China day (`YYYY-MM-DD`) and month (`YYYY-MM`) of each entry's own
   * date, for the anti-farming caps — so an entry posted out of date order counts on its own day
   * and never resets another's. Only the recent days and months are kept (core/points.ts `CAP_WINDOW`).
   */
  capDays: Record<string, number>;
  capMonths: Record<string, number>;
  /** 双报到 check-ins by year (YYYY), for the yearly duties (absent on accounts made before it: none counted). */
  checkIns?: Record<string, number>;
  /** Pending or fulfilled redemptions per catalogue item, for the per-person limit. */
  redeemed: Record<string, number>;
  /** Ledger entries written so far. */
  entries: number;
  updatedAt: Date | string;
}

/** Point rules: configuration, set by the admin (`setRules`); defaults in cloudfunctions/core/points.ts. */
export interface PointRules {
  /** Points per verified hour of dispatch work. */
  perServiceHour: number;
  /** Extra points for a fulfilled 微心愿 (a demand of kind 'wish'), once per member. */
  perWish: number;
  /** Points for the monthly 双报到 check-in. */
  perCheckIn: number;
  /** Points per approved hour of a volunteer activity. */
  perActivityHour: number;
  /** Most points a person may earn from service, wishes, activities and check-ins in one day / month. */
  dailyCap: number;
  monthlyCap: number;
  /** The yearly service-hour target per member (光泽: 20 h). */
  yearlyHourTarget: number;
}

/** The caller's points page (我的积分): one read of the account, never a scan of the ledger. */
export interface AccountView {
  openid: string;
  name: string;
  balance: number;
  earned: number;
  /** Hours and earned points this year and this month (China time). */
  year: string;
  yearTotals: PeriodTotals;
  month: string;
  monthTotals: PeriodTotals;
  /** All-time hours. */
  hours: number;
  /** Progress toward the yearly hour target: hours this year ÷ target, at most 1. */
  target: { hours: number; progress: number; met: boolean };
  /** 双报到 this month: null when not yet checked in. Only members check in. */
  checkIn: { month: string; at: Date | string | null; canCheckIn: boolean };
  rules: PointRules;
}

/** A page of results without a total (the server reads one item more than asked): the one `Paged`. */
export type PointsPage<T> = Paged<T>;

// ---- volunteer activities (志愿活动) --------------------------------------------------------------

/** How an activity's hours are worked out: from check-in to check-out, or a fixed figure. */
export type HoursRule = 'actual' | 'fixed';

/** Stored status; the phase shown to people also depends on the time. */
export type ActivityStatus = 'published' | 'cancelled';

/** upcoming 未开始 → ongoing 进行中 → ended 已结束 (by time); cancelled 已取消 (by staff). */
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended' | 'cancelled';

/** A volunteer activity (collection `activities`). */
export interface Activity {
  _id: string;
  communityId: string;
  title: string;
  description: string;
  place: string;
  startAt: Date | string;
  endAt: Date | string;
  /** Most people who may sign up; `signedUp` never exceeds it. */
  capacity: number;
  signedUp: number;
  hoursRule: HoursRule;
  /** For 'fixed': the hours each person who checked in and out earns. */
  fixedHours: number | null;
  status: ActivityStatus;
  /** The staff member who created it (the organiser). */
  organiser: { openid: string; name: string };
  /** The code the organiser shows for check-in and check-out (QR in WeChat, typed in H5). */
  code: string;
  createdAt: Date | string;
  cancelledAt: Date | string | null;
  cancelReason: string | null;
}

/**
 * A person's place in an activity (collection `activitySignups`, `_id` = `<activityId>_<openid>`).
 * signedUp 已报名 → checkedIn 已签到 → checkedOut 已签退 (hours worked out) → approved 已核定 (ledger);
 * signedUp → cancelled 已取消报名 (before the start; signing up again reopens it);
 * checkedIn → checkedOut by the organiser when the check-out was missed (`resolvedBy`).
 */
export type SignupStatus = 'signedUp' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'approved';

export interface Signup {
  _id: string;
  activityId: string;
  communityId: string;
  openid: string;
  name: string;
  status: SignupStatus;
  signedUpAt: Date | string;
  checkInAt: Date | string | null;
  checkOutAt: Date | string | null;
  /** Hours worked out at check-out (or set by the organiser); null before. */
  hours: number | null;
  /** The organiser who settled a missed check-out, and why. */
  resolvedBy: string | null;
  resolveNote: string | null;
  approvedBy: string | null;
  approvedAt: Date | string | null;
  /** The ledger entry written on approval. */
  entryId: string | null;
}

/** What a caller may do to an activity now. */
export type ActivityAction =
  | 'signUp'
  | 'cancelSignup'
  | 'checkIn'
  | 'checkOut'
  /** Staff of its community: cancel the activity. */
  | 'cancel'
  /** The organiser or staff of its community: settle a missed check-out. */
  | 'resolveCheckOut'
  /** Staff of its community: approve checked-out hours (never their own). */
  | 'approveHours';

/** An activity as listed. */
export interface ActivitySummary {
  _id: string;
  communityId: string;
  communityName: string;
  title: string;
  place: string;
  startAt: Date | string;
  endAt: Date | string;
  capacity: number;
  signedUp: number;
  hoursRule: HoursRule;
  fixedHours: number | null;
  phase: ActivityPhase;
  /** The caller's own sign-up status, if any. */
  myStatus: SignupStatus | null;
}

export interface ActivityDetail extends ActivitySummary {
  description: string;
  organiser: { openid: string; name: string };
  cancelReason: string | null;
  /** The caller's own sign-up. */
  mySignup: Signup | null;
  /** The check-in code: only for the organiser and staff of its community; null for others. */
  code: string | null;
  /** Every sign-up: only for the organiser and staff of its community; null for others. */
  signups: Signup[] | null;
  allowedActions: ActivityAction[];
}

/** Which activities: open to join (not ended, not cancelled), mine (signed up), or managed (staff: their community's). */
export type ActivityListScope = 'open' | 'mine' | 'managed';

// ---- 双报到 ------------------------------------------------------------------------------------

/** A member's monthly 双报到 at their residential community (collection `checkIns`, `_id` = `<openid>_<YYYY-MM>`). */
export interface CheckIn {
  _id: string;
  openid: string;
  name: string;
  /** The member's residential community and work unit at the time. */
  communityId: string;
  unitId: string | null;
  month: string;
  at: Date | string;
  note: string;
  /** Points it earned (0 when the caps were reached). */
  points: number;
}

export interface CheckInResult {
  checkIn: CheckIn;
  /** False when the member had already checked in this month: nothing was written, nothing earned. */
  created: boolean;
  /** Points earned by this call (0 on a repeat). */
  points: number;
}

/** 双报到 compliance of a unit's members or of the members living in a community, for a month. */
export interface Compliance {
  scope: 'community' | 'unit';
  id: string;
  name: string;
  month: string;
  /** Members in scope, and how many of them checked in this month. */
  members: number;
  checkedIn: number;
  /** checkedIn ÷ members; null with no members. */
  rate: number | null;
  /** One page of the members, each with their check-in (if any). */
  people: PointsPage<{ openid: string; name: string; checkedInAt: Date | string | null }>;
}

// ---- catalogue and redemption (兑换) --------------------------------------------------------------

/** Who offers an item: a community (its staff manage it) or a unit (its liaison manages it). */
export interface ItemOwner {
  scope: 'community' | 'unit';
  id: string;
  name: string;
}

/** A catalogue item (collection `catalogueItems`). */
export interface CatalogueItem {
  _id: string;
  owner: ItemOwner;
  title: string;
  description: string;
  /** Points per redemption. */
  cost: number;
  /** Left to redeem; never below 0. */
  stock: number;
  /** Most pending or fulfilled redemptions one person may hold of this item. */
  perPersonLimit: number;
  validFrom: Date | string;
  validUntil: Date | string;
  /** Withdrawn items cannot be redeemed; existing redemptions stand. */
  active: boolean;
  createdBy: string;
  createdAt: Date | string;
}

/** An item as listed to a reader: may they redeem it now, and if not why. */
export interface CatalogueItemView extends CatalogueItem {
  /** How many the caller holds (pending or fulfilled). */
  mine: number;
  /** null when the caller may redeem now; otherwise the reason in Chinese (积分不足, 已兑完 …). */
  unavailableReason: string | null;
  /** The caller manages this item (staff of its community, liaison of its unit, admin). */
  manageable: boolean;
}

/** pending 待核销 → fulfilled 已核销 (by code) | cancelled 已取消 (refunded by a reversing entry). */
export type RedemptionStatus = 'pending' | 'fulfilled' | 'cancelled';

/** A redemption (collection `redemptions`). */
export interface Redemption {
  _id: string;
  itemId: string;
  itemTitle: string;
  owner: ItemOwner;
  openid: string;
  name: string;
  cost: number;
  /** The code the person shows; staff of the owner type it (or scan it) to fulfil. Unique. */
  code: string;
  status: RedemptionStatus;
  createdAt: Date | string;
  fulfilledAt: Date | string | null;
  fulfilledBy: string | null;
  cancelledAt: Date | string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
}

export type RedemptionAction = 'fulfil' | 'cancel';

export interface RedemptionView extends Redemption {
  allowedActions: RedemptionAction[];
}

// ---- leaderboards and 双认双评 ----------------------------------------------------------------------

export interface LeaderboardRow {
  rank: number;
  openid: string;
  name: string;
  points: number;
  hours: number;
}

/** A leaderboard of earned points, read from one maintained tally document (never the ledger). */
export interface Leaderboard {
  scope: 'community' | 'unit';
  id: string;
  name: string;
  /** YYYY-MM (month) or YYYY (year). */
  period: string;
  rows: LeaderboardRow[];
  /** The caller's own row, when they are on the board. */
  me: LeaderboardRow | null;
}

/** 双认双评 grades. 优秀 / 良好 / 一般 / 较差. */
export type ReviewGrade = 'excellent' | 'good' | 'fair' | 'poor';

/**
 * The branch's rating of a member's year (collection `memberReviews`, `_id` =
 * `<openid>_<year>_<scope>`): by the liaison of the member's unit (单位评) or the secretary of
 * their home community (社区评). Setting it again replaces it.
 */
export interface MemberReview {
  _id: string;
  openid: string;
  year: string;
  scope: 'unit' | 'community';
  grade: ReviewGrade;
  comment: string;
  by: string;
  byName: string;
  at: Date | string;
}

/** A member's profile for 双认双评: their year, the branch's reviews and residents' ratings. */
export interface MemberProfile {
  openid: string;
  name: string;
  communityId: string | null;
  unitId: string | null;
  year: string;
  yearTotals: PeriodTotals;
  target: { hours: number; progress: number; met: boolean };
  /** 双报到 months of the year (YYYY-MM). */
  checkInMonths: string[];
  reviews: { unit: MemberReview | null; community: MemberReview | null };
  /** Residents' ratings of demands this member served and was credited for (recent first). */
  residentRatings: {
    satisfied: number;
    basic: number;
    unsatisfied: number;
    recent: { demandId: string; text: string; value: 'satisfied' | 'basic' | 'unsatisfied'; comment: string; at: Date | string }[];
  };
  /**
   * 承诺、践诺、评诺 of the year (the posts function's pledges, at most 10): made, fulfilled, rated by
   * the branch (with the grades), and residents' verdicts on them — the 支部评、群众评 of 双认双评.
   */
  pledges: {
    made: number;
    fulfilled: number;
    grades: Partial<Record<ReviewGrade, number>>;
    residents: { satisfied: number; basic: number; unsatisfied: number };
  };
  /** The caller may review this member: 'unit' (their liaison), 'community' (home secretary). */
  canReview: ('unit' | 'community')[];
}

// ---- reconcile --------------------------------------------------------------------------------

export interface ReconcileDifference {
  /**
   * An account figure, a leaderboard tally, or a verified demand's member whose hours never
   * reached the ledger ('credit': cached = null, computed = the hours owed).
   */
  kind: 'account' | 'tally' | 'credit';
  /** openid for an account; `<scope>_<id>_<period>/<openid>` for a tally; the missing entry's key for a credit. */
  key: string;
  field: string;
  cached: number | null;
  computed: number;
}

export interface ReconcileReport {
  entries: number;
  accounts: number;
  tallies: number;
  /** Leaderboard increments posted but not yet folded into their tallies (counted as folded in the comparison). */
  pendingTallies: number;
  /**
   * Redemptions and refunds written before their entry recorded the person's home: their 已兑换
   * cannot be placed, so the redeemed of that person's rows in the tallies of their month and year
   * is not compared (everything else is).
   */
  redemptionsWithoutHome: number;
  differences: ReconcileDifference[];
}

/** The ledger entry as a person sees it in their history. */
export type LedgerItem = Omit<LedgerEntry, 'day' | 'year'>;

type Paging = { page?: number; pageSize?: number };

/** `points`: Pillar 2. Identity comes from the platform; every action checks role and scope. */
export interface PointsApi {
  /** Any registered user: their own account (我的积分). */
  account: { req: Record<string, never>; res: AccountView };
  /** The caller's ledger history, newest first; admin, or staff of the person's home community, may pass `openid`. */
  ledger: { req: Paging & { openid?: string }; res: PointsPage<LedgerItem> };
  /** Staff / secretary / grid worker: award points (and optionally hours) to a person of their community, with a reason; never themselves. */
  award: { req: { openid: string; points: number; hours?: number; reason: string }; res: LedgerItem };
  /** Staff of the entry's community (or admin): reverse an earned entry (not a redemption), never on their own account. */
  reverse: { req: { entryId: string; reason: string }; res: LedgerItem };
  /**
   * Staff of the demand's community, or the admin: credit a verified (or closed) dispatched
   * demand's members whose hours are missing from the ledger (as `reconcile` reports them). Each
   * member is credited once, ever; returns how many entries were written (0: nothing missing).
   */
  creditDemand: { req: { demandId: string }; res: { credited: number } };
  /** Admin: recompute every account and leaderboard tally from the ledger and report differences (changes nothing). */
  reconcile: { req: Record<string, never>; res: ReconcileReport };
  /** Any registered user: the point rules in force. */
  rules: { req: Record<string, never>; res: PointRules };
  /** Admin: change the point rules (fields given replace the current ones). */
  setRules: { req: Partial<PointRules>; res: PointRules };

  /** Staff of the community: create an activity (times ISO 8601). */
  createActivity: {
    req: {
      communityId?: string;
      title: string;
      description?: string;
      place: string;
      startAt: string;
      endAt: string;
      capacity: number;
      hoursRule: HoursRule;
      fixedHours?: number;
    };
    res: ActivityDetail;
  };
  /** Staff of its community: cancel before it ends, with a reason. */
  cancelActivity: { req: { id: string; reason: string }; res: ActivityDetail };
  listActivities: { req: Paging & { scope: ActivityListScope }; res: PointsPage<ActivitySummary> };
  activityDetail: { req: { id: string }; res: ActivityDetail };
  /** Any registered user, before the end, while places remain (never more than capacity). Repeats are no-ops. */
  signUp: { req: { id: string }; res: ActivityDetail };
  /** The person signed up, before the start. */
  cancelSignup: { req: { id: string }; res: ActivityDetail };
  /** The person signed up, from 30 minutes before the start to the end, with the organiser's code. */
  activityCheckIn: { req: { id: string; code: string }; res: ActivityDetail };
  /** The person checked in, until 2 hours after the end, with the organiser's code: hours are worked out. */
  activityCheckOut: { req: { id: string; code: string }; res: ActivityDetail };
  /** The organiser or staff of its community: settle a missed check-out after the end with the hours served. */
  resolveCheckOut: { req: { id: string; openid: string; hours: number; note: string }; res: ActivityDetail };
  /** Staff of its community: approve checked-out hours into the ledger (all, or the given people); never their own. */
  approveHours: { req: { id: string; openids?: string[] }; res: ActivityDetail & { approved: number } };

  /** A member, at their residential community, once a month; a repeat earns nothing. */
  checkIn: { req: { note?: string }; res: CheckInResult };
  /** Staff of the community (scope community), liaison of the unit (scope unit), admin. */
  compliance: { req: Paging & { scope: 'community' | 'unit'; id: string; month: string }; res: Compliance };

  /** Staff (their community's items), liaison (their unit's), admin (any). Dates ISO 8601. */
  createItem: {
    req: {
      ownerScope: 'community' | 'unit';
      ownerId: string;
      title: string;
      description?: string;
      cost: number;
      stock: number;
      perPersonLimit: number;
      validFrom: string;
      validUntil: string;
    };
    res: CatalogueItemView;
  };
  /** Whoever manages the item: add stock, move the end date, withdraw or restore it. */
  updateItem: { req: { id: string; addStock?: number; validUntil?: string; active?: boolean }; res: CatalogueItemView };
  /** 'available': items anyone may redeem now; 'managed': items the caller manages (all states). */
  listItems: { req: Paging & { scope: 'available' | 'managed' }; res: PointsPage<CatalogueItemView> };
  /** Any registered user: hold the points and get a code. Stock and balance never go below 0. */
  /** `requestId`: a client-made key per tap of 确认兑换, kept across retries: the same key from the same person redeems once (the first's answer). */
  redeem: { req: { itemId: string; requestId?: string }; res: RedemptionView };
  /** Staff of the owner community / liaison of the owner unit: look a redemption up by its code before fulfilling. */
  lookupRedemption: { req: { code: string }; res: RedemptionView };
  /** 核销 by code: staff of the owner community / liaison of the owner unit; never their own. */
  fulfil: { req: { code: string }; res: RedemptionView };
  /** The redeemer, or whoever may fulfil it, while pending: refunded by a reversing entry. */
  cancelRedemption: { req: { id: string; reason?: string }; res: RedemptionView };
  /** 'mine': the caller's; 'managed': of the items the caller manages. Newest first. */
  listRedemptions: { req: Paging & { scope: 'mine' | 'managed'; status?: RedemptionStatus }; res: PointsPage<RedemptionView> };

  /** Any registered user: a community's or unit's board for a month (YYYY-MM) or year (YYYY); default id: the caller's. */
  leaderboard: { req: { scope: 'community' | 'unit'; id?: string; period: string; limit?: number }; res: Leaderboard };
  /** The member themselves, the liaison of their unit, staff of their home community, admin. Default: the caller. */
  memberProfile: { req: { openid?: string; year?: string }; res: MemberProfile };
  /** 双认双评: the liaison of the member's unit (scope unit) or the secretary of their home community (scope community); never oneself. */
  reviewMember: { req: { openid: string; year: string; scope: 'unit' | 'community'; grade: ReviewGrade; comment?: string }; res: MemberReview };
}
