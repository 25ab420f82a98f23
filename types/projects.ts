/**
 * 共建项目 (co-building projects) and the two lists: contracts shared by the `projects` function
 * and the app.
 *
 * A community publishes its 需求清单 (projects it needs: 四点半学校辅导, 老旧小区改造宣传 — a period
 * and the help wanted); a unit publishes its 服务清单 / 资源清单 (what it can offer: 法律咨询, 义诊,
 * 场地). Either side takes up the other's item (双向认领): a paired unit's liaison claims a need;
 * a paired community's staff request a service, which the unit accepts or declines. Either way
 * the result is a project of that pairing, in that year's 共建计划: members of the unit join it,
 * progress is posted with photos, the unit completes it and the community rates its 实效.
 *
 *   need:    open 待认领 → active 进行中 (claim) | withdrawn 已撤回
 *   service: requested 待接受 → active 进行中 (accept) | declined 已婉拒
 *   active → completed 待评价 → rated 已评实效
 */
import type { Paged } from './domain';
import type { Rating } from './dispatch';

/** Which list a project came from: the community's 需求清单 or a unit's 服务清单. */
export type ProjectOrigin = 'need' | 'service';

export type ProjectStatus = 'open' | 'withdrawn' | 'requested' | 'declined' | 'active' | 'completed' | 'rated';

/** A step someone takes on a project; each is an action of the `projects` function. */
export type ProjectEvent = 'claim' | 'withdraw' | 'accept' | 'decline' | 'join' | 'progress' | 'complete' | 'rate';

/** 服务 (people's work: 法律咨询, 义诊) or 资源 (a thing lent: 场地, 车辆). */
export type ServiceKind = 'service' | 'resource';

/** A period, China days YYYY-MM-DD, `from` ≤ `to`. */
export interface Period {
  from: string;
  to: string;
}

/** A member taking part (参与党员). */
export interface ProjectMember {
  openid: string;
  name: string;
  at: Date | string;
}

/** One progress update (进展): what was done, with photos (the poster's uploads). */
export interface ProjectProgress {
  text: string;
  photos: string[];
  by: string;
  byName: string;
  at: Date | string;
}

/** One step in a project's life. */
export interface ProjectStep {
  event: 'publish' | 'request' | ProjectEvent;
  from: ProjectStatus | null;
  to: ProjectStatus;
  by: string;
  byName: string;
  at: Date | string;
  note: string | null;
}

/** What a project is, stored and shown alike: its list, its community, the work, the unit doing it. */
export interface ProjectHeader {
  _id: string;
  origin: ProjectOrigin;
  communityId: string;
  communityName: string;
  /** 项目名称, e.g. 「四点半学校辅导」. */
  title: string;
  /** 项目内容: what it is and who it serves. */
  description: string;
  /** 需要的帮助 (a need) or 需要的服务 (a request). */
  helpWanted: string;
  period: Period;
  /** The plan year: the year the period starts. */
  year: string;
  /** The unit doing it (null while a need is open). */
  unitId: string | null;
  unitName: string | null;
  /** `${unitId}_${communityId}`: the pairing whose 共建计划 lists it (null while open). */
  pairingId: string | null;
  /** The service it was requested from (origin 'service'). */
  serviceId: string | null;
  status: ProjectStatus;
  createdAt: Date | string;
}

/** A project as stored (collection `projects`). */
export interface Project extends ProjectHeader {
  /** A need: the units paired with the community when it was published (who may claim it). */
  pairedUnitIds: string[];
  pairedUnitNames: Record<string, string>;
  /** Who published the need or requested the service (the community's side): hears claimed, completed. */
  publishedBy: { openid: string; name: string };
  /** Who took it up on the unit's side (the liaison who claimed or accepted); hears rated. */
  claim: { openid: string; name: string; at: Date | string } | null;
  /** The liaison who listed the service (origin 'service'): hears the request. */
  serviceBy: string | null;
  members: ProjectMember[];
  /** openids of `members`, for 我参与的. */
  memberIds: string[];
  progress: ProjectProgress[];
  completion: { note: string; by: string; byName: string; at: Date | string } | null;
  /** 评实效: the community's verdict with a comment. */
  rating: { value: Rating; comment: string; by: string; byName: string; at: Date | string } | null;
  declineReason: string | null;
  timeline: ProjectStep[];
  /** Compare-and-set counter: every change adds one. */
  version: number;
  updatedAt: Date | string;
}

/** A unit's offer on its 服务清单 / 资源清单 (collection `services`). */
export interface Service {
  _id: string;
  unitId: string;
  unitName: string;
  kind: ServiceKind;
  title: string;
  description: string;
  /** 下架: no longer requestable; kept for the projects made from it. */
  withdrawn: boolean;
  by: string;
  byName: string;
  createdAt: Date | string;
}

/** A project as this caller may see it, with the steps they may take now. */
export interface ProjectView extends ProjectHeader {
  publishedBy: { name: string };
  claim: { name: string; at: Date | string } | null;
  members: ProjectMember[];
  progress: (Omit<ProjectProgress, 'photos' | 'by'> & { photos: { fileID: string; url: string }[] })[];
  completion: { note: string; byName: string; at: Date | string } | null;
  rating: { value: Rating; comment: string; byName: string; at: Date | string } | null;
  declineReason: string | null;
  /** The paired units that may claim this open need (its community's, when published). */
  claimableBy?: { unitId: string; unitName: string }[];
  allowedActions: ProjectEvent[];
}

export interface ServiceView extends Service {
  /** 申请服务 / 下架, as this caller may. */
  allowedActions: ('request' | 'withdrawService')[];
}

/** 认领、完成 of one pairing in one year (collection `projectCounts`, `_id` = `${pairingId}_${year}`). */
export interface PairingCounts {
  pairingId: string;
  unitId: string;
  unitName: string;
  communityId: string;
  communityName: string;
  year: string;
  /** In the 共建计划: claimed needs and accepted requests (认领). */
  claimed: number;
  /** Completed (完成). */
  completed: number;
  /** Rated by the community (评实效). */
  rated: number;
}

/** 计划与完成 of a unit, a community or one pairing in a year: totals and each pairing's own. */
export interface ProjectCounts {
  scope: 'unit' | 'community' | 'pairing';
  id: string;
  year: string;
  claimed: number;
  completed: number;
  rated: number;
  pairings: PairingCounts[];
}

export type ProjectListScope =
  /** A community's projects (its 需求清单 and what it requested), any status. */
  | 'community'
  /** A unit's projects (claimed and requested of it). */
  | 'unit'
  /** Open needs the caller's units may claim (liaisons, members). */
  | 'claimable'
  /** 我参与的: the projects the caller joined. */
  | 'mine'
  /** A pairing's 共建计划 for a year (`unitId`, `communityId`, `year`). */
  | 'plan';

type ById = { id: string };

export interface ProjectsApi {
  /** Staff of the community: a need on its 需求清单. Its paired units may claim it. */
  publishNeed: { req: { communityId: string; title: string; description: string; helpWanted: string; period: Period }; res: ProjectView };
  /** Staff of the community: take an open need off the list. */
  withdraw: { req: ById & { reason: string }; res: ProjectView };
  /** A liaison of a paired unit: 认领 an open need for the unit. Exactly one unit gets it. */
  claim: { req: ById & { unitId?: string }; res: ProjectView };
  /** The unit's liaison: an offer on its 服务清单 / 资源清单. */
  publishService: { req: { unitId: string; kind: ServiceKind; title: string; description: string }; res: ServiceView };
  /** The unit's liaison: 下架 an offer. */
  withdrawService: { req: ById; res: ServiceView };
  /** Staff of a community paired with the unit: 申请 a service, for a period, saying what is needed. */
  request: { req: { serviceId: string; communityId: string; helpWanted: string; period: Period }; res: ProjectView };
  /** The unit's liaison: take on a requested service. */
  accept: { req: ById; res: ProjectView };
  /** The unit's liaison: decline a request, with a reason the community sees. */
  decline: { req: ById & { reason: string }; res: ProjectView };
  /** A member of the project's unit: take part (参与). */
  join: { req: ById; res: ProjectView };
  /** The unit's liaison or a member taking part: a progress update, with photos. */
  progress: { req: ById & { text: string; photos?: string[] }; res: ProjectView };
  /** The unit's liaison: 完成, with a summary. */
  complete: { req: ById & { note: string }; res: ProjectView };
  /** Staff of the community: 评实效. */
  rate: { req: ById & { value: Rating; comment: string }; res: ProjectView };
  detail: { req: ById; res: ProjectView };
  list: {
    req: { scope: ProjectListScope; communityId?: string; unitId?: string; year?: string; status?: ProjectStatus; page?: number; pageSize?: number };
    res: Paged<ProjectView>;
  };
  /** A unit's 服务清单 (`unitId`), or the offers of the units paired with a community (`communityId`). */
  services: { req: { unitId?: string; communityId?: string; page?: number; pageSize?: number }; res: Paged<ServiceView> };
  /** 计划与完成 of a unit, a community or a pairing (`unitId_communityId`) in a year. */
  counts: { req: { scope: 'unit' | 'community' | 'pairing'; id: string; year: string }; res: ProjectCounts };
}
