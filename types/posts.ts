/**
 * 设岗定责 (service posts), 党员责任区 (responsibility zones), 承诺、践诺、评诺 (pledges) and the
 * yearly duties (年度任务): contracts shared by the `posts` function and the app.
 *
 * A post log (服务记录):  pending 待验收 → verified 已验收 (hours and points, once) | returned 已退回
 * A pledge (承诺):        pledged 已承诺 → fulfilled 已践诺 → rated 已评诺 (the branch's rating)
 *                         residents rate a fulfilled or rated pledge, once each (群众评).
 */
import type { Paged } from './domain';
import type { ReviewGrade } from './points';

/** A post (岗位, e.g. 纠纷调解岗) or a zone (责任区, e.g. 3号楼楼道). */
export type PostKind = 'post' | 'zone';

/** A post or zone of a community (collection `posts`). */
export interface Post {
  _id: string;
  communityId: string;
  communityName: string;
  /**
   * The units paired with the community when the post was set up: their in-service members may
   * claim it as well as members who live in the community (双报到). Absent on posts set up before.
   */
  pairedUnitIds?: string[];
  kind: PostKind;
  /** 岗位名称 / 责任区名称, e.g. 「民情收集岗」「东门绿化带」. */
  name: string;
  /** 岗位职责: what the holder does. */
  duties: string;
  /** The hours a year expected of each holder (光泽: 20). */
  hoursPerYear: number;
  /** Holders now (认岗人数), kept with each claim. */
  holders: number;
  createdBy: { openid: string; name: string };
  archived: boolean;
  createdAt: Date | string;
}

/** A member's claim of a post (collection `postClaims`, `_id` = `<postId>_<openid>`). */
export interface PostClaim {
  _id: string;
  postId: string;
  postName: string;
  kind: PostKind;
  communityId: string;
  openid: string;
  name: string;
  unitId: string | null;
  /** Verified hours in this post, by year (YYYY). */
  hours: Record<string, number>;
  at: Date | string;
}

export type PostLogStatus = 'pending' | 'verified' | 'returned';
export type PostLogEvent = 'verify' | 'return';

/** Work done in a post, waiting for staff (collection `postLogs`). */
export interface PostLog {
  _id: string;
  postId: string;
  postName: string;
  communityId: string;
  openid: string;
  name: string;
  unitId: string | null;
  home: { communityId: string | null; unitId: string | null };
  /** The China day the work was done (not in the future, not before last year). */
  workedOn: string;
  /** Multiples of 0.5, at most 12 in a day. */
  hours: number;
  note: string;
  status: PostLogStatus;
  /** The staff member who verified or returned it, and why (returned). */
  decidedBy: { openid: string; name: string; at: Date | string } | null;
  returnReason: string | null;
  /** The ledger entry (`post_<logId>`) and the points it granted after the caps. */
  entryId: string | null;
  points: number | null;
  version: number;
  createdAt: Date | string;
}

export interface PostLogView extends Omit<PostLog, 'home' | 'version'> {
  allowedActions: PostLogEvent[];
}

export interface PostView extends Post {
  /** The caller holds it (认岗). */
  claimed: boolean;
  /** The caller may claim it: a member living in its community or of a paired unit, not yet holding it, the post open. */
  canClaim: boolean;
  /** Staff of its community may archive it. */
  canManage: boolean;
}

export type PledgeStatus = 'pledged' | 'fulfilled' | 'rated';
export type PledgeEvent = 'fulfil' | 'rate' | 'residentRate';
export type ResidentVerdict = 'satisfied' | 'basic' | 'unsatisfied';

/** A member's yearly pledge (collection `pledges`). */
export interface Pledge {
  _id: string;
  openid: string;
  name: string;
  /** Where the member lives (their branch rates it, its residents rate it). */
  communityId: string;
  unitId: string | null;
  year: string;
  /** 承诺内容, e.g. 「每月为独居老人代购一次药品」. */
  text: string;
  status: PledgeStatus;
  /** 践诺: what was done, with photos. */
  fulfilment: { note: string; photos: string[]; at: Date | string } | null;
  /** 评诺 by the branch (staff or secretary of the community). */
  rating: { grade: ReviewGrade; comment: string; by: string; byName: string; at: Date | string } | null;
  /** Residents' verdicts (群众评), one each, counted. */
  residents: Record<ResidentVerdict, number>;
  version: number;
  createdAt: Date | string;
}

export interface PledgeView extends Omit<Pledge, 'fulfilment' | 'version'> {
  fulfilment: { note: string; photos: { fileID: string; url: string }[]; at: Date | string } | null;
  allowedActions: PledgeEvent[];
  /** The caller's own verdict, when they rated it. */
  myVerdict: ResidentVerdict | null;
}

/** A resident's verdict on a pledge (collection `pledgeRatings`, `_id` = `<pledgeId>_<openid>`). */
export interface PledgeRating {
  _id: string;
  pledgeId: string;
  openid: string;
  verdict: ResidentVerdict;
  at: Date | string;
}

/** The yearly duties set by the county (collection `dutyRules`, one document `current`). */
export interface DutyRules {
  /** Service hours a year (光泽: ≥ 20). */
  serviceHours: number;
  /** Monthly 双报到 check-ins a year (12). */
  checkIns: number;
  /** Quarterly 调研 records a year (4: one a quarter counts). */
  surveys: number;
  /** 难题 helped to solve a year (漳浦 / 云霄: 1–2). */
  problems: number;
}

export type DutyField = 'checkIns' | 'surveys' | 'problems';

/**
 * A member's 调研 and 难题 counts of a year (collection `dutyCounts`, `_id` = `<openid>_<year>`), kept
 * with each record. Hours and 双报到 come from the points account (`years`, `checkIns`), kept with
 * each ledger entry.
 */
export interface DutyCounts {
  _id: string;
  openid: string;
  name: string;
  unitId: string | null;
  year: string;
  surveys: number;
  problems: number;
}

export interface DutyItem {
  field: 'serviceHours' | DutyField;
  label: string;
  done: number;
  target: number;
  met: boolean;
}

export interface DutyProgress {
  openid: string;
  name: string;
  year: string;
  items: DutyItem[];
  /** Every duty met. */
  met: boolean;
  /** How many duties are behind where they should be by today (pro rata through the year). */
  behind: number;
}

/** A 调研 or 难题 record (collection `dutyRecords`). */
export interface DutyRecord {
  _id: string;
  kind: 'survey' | 'problem';
  openid: string;
  name: string;
  unitId: string | null;
  year: string;
  /** For a survey: the quarter (1–4), one counted each. */
  quarter: number | null;
  note: string;
  by: { openid: string; name: string };
  at: Date | string;
}

type ById = { id: string };

export interface PostsApi {
  /** Staff of the community: a new post or zone. */
  createPost: { req: { communityId: string; kind: PostKind; name: string; duties: string; hoursPerYear: number }; res: PostView };
  /** Staff of its community: take it off the list (claims and logs stay). */
  archivePost: { req: ById; res: PostView };
  /** A community's open posts and zones (default: where the caller lives, or staffs; a member may read any paired with their unit). */
  listPosts: { req: { communityId?: string; kind?: PostKind; page?: number; pageSize?: number }; res: Paged<PostView> };
  /** 认岗位: a member claims a post or zone (once; again is a repeat). */
  claimPost: { req: ById; res: PostView };
  /** The caller's posts and zones. */
  myPosts: { req: { page?: number; pageSize?: number }; res: Paged<PostClaim> };
  /** The holder logs work done in the post: a day, hours, what was done. Waits for staff. */
  logWork: { req: { postId: string; workedOn: string; hours: number; note: string }; res: PostLogView };
  /** Staff of the post's community: verified — hours and points through the ledger (`post_<logId>`), once. */
  verifyLog: { req: ById; res: PostLogView };
  /** Staff of the post's community: returned, with a reason the member sees. */
  returnLog: { req: ById & { reason: string }; res: PostLogView };
  /** 'mine': the caller's logs; 'review': 待验收 of the caller's communities (staff). */
  listLogs: { req: { scope: 'mine' | 'review'; page?: number; pageSize?: number }; res: Paged<PostLogView> };

  /** A member pledges for this year (at most 10 a year). */
  pledge: { req: { text: string }; res: PledgeView };
  /** 践诺: the member records what was done, with at least one photo. */
  fulfilPledge: { req: ById & { note: string; photos: string[] }; res: PledgeView };
  /** 评诺: staff or secretary of the member's community rates a fulfilled pledge (again: replaces). */
  ratePledge: { req: ById & { grade: ReviewGrade; comment?: string }; res: PledgeView };
  /** 群众评: a resident of the member's community (not the member) gives a verdict, once. */
  residentRatePledge: { req: ById & { verdict: ResidentVerdict }; res: PledgeView };
  /** 'mine': the caller's pledges; 'community': the fulfilled pledges of a community (to rate). */
  listPledges: { req: { scope: 'mine' | 'community'; communityId?: string; year?: string; page?: number; pageSize?: number }; res: Paged<PledgeView> };

  /** The county's yearly duties (anyone registered). */
  dutyRules: { req: Record<string, never>; res: DutyRules };
  /** Admin: change the yearly duties. */
  setDutyRules: { req: Partial<DutyRules>; res: DutyRules };
  /** The caller's progress this year (or `year`). */
  myDuties: { req: { year?: string }; res: DutyProgress };
  /** The unit's liaison: every member's progress, those behind first. */
  unitDuties: { req: { unitId: string; year?: string; page?: number; pageSize?: number }; res: { unitId: string; year: string; rules: DutyRules; people: Paged<DutyProgress> } };
  /** A member records a quarterly 调研 (one counted a quarter). */
  recordSurvey: { req: { note: string }; res: DutyRecord };
  /** Staff of the member's home community: the member helped solve a 难题. */
  recordProblem: { req: { openid: string; note: string }; res: DutyRecord };
}
