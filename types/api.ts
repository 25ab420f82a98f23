/**
 * The API map: function → action → request and response. The mini-program's service module and
 * the functions' schemas are both checked against it, so client and server stay in step.
 * Requests never carry identity: the caller is whoever the platform says.
 */
import type {
  DemandCategory,
  DemandDetail,
  DemandKind,
  DemandListRequest,
  DemandPage,
  Rating,
  Scorecard,
  Urgency,
} from './dispatch';
import type { Me, Page, RegionNode, Role, RoleGrant, Unit, UnitPairing, UserSummary } from './domain';
import type { VisitsApi } from './visits';
import type { PointsApi } from './points';
import type { ImportsApi } from './imports';

/** `org`: organisation and identity. */
export interface OrgApi {
  /** Any caller with an openid: create their own user record as a resident. */
  register: { req: { name: string; phone?: string }; res: Me };
  /** The caller's profile, roles, community, unit. */
  me: { req: Record<string, never>; res: Me };
  /**
   * The region tree under `rootId` (default: from the county), `depth` levels deep (default and
   * most 5: county → building). At most 1000 regions; ask for a subtree in a large county.
   * Any registered user (households are not part of it).
   */
  regionTree: { req: { rootId?: string; depth?: number }; res: RegionNode[] };
  /** Every unit with the communities it is paired with. Any registered user. */
  listUnits: { req: Record<string, never>; res: UnitWithPairings[] };
  /** Admin: pair a unit with a community (结对共建). Idempotent. */
  pairUnit: { req: { unitId: string; communityId: string }; res: UnitPairing };
  /** Admin: end a pairing. */
  unpairUnit: { req: { unitId: string; communityId: string }; res: { removed: boolean } };
  /** Admin (any role, anywhere); secretary (staff / gridWorker in their own community). */
  grantRole: { req: RoleChange; res: UserSummary };
  /** Same rights as grantRole. */
  revokeRole: { req: RoleChange; res: UserSummary };
  /**
   * Admin: everyone; staff / secretary: people of their own community; with `unitId`, a unit's
   * liaison: the people who work in their unit (to assign members). Phones masked.
   */
  listUsers: {
    req: { communityId?: string; unitId?: string; role?: Role; page?: number; pageSize?: number };
    res: Page<UserSummary>;
  };
  /** A registered user binds themselves to the building they live in. */
  bindBuilding: { req: { buildingId: string }; res: Me };
  /** 长辈模式, remembered on the server so it follows the person to another phone. */
  setElderMode: { req: { elderMode: boolean }; res: Me };
}

export interface UnitWithPairings extends Unit {
  communityIds: string[];
}

/** A role granted or revoked, with its scope. */
export interface RoleChange {
  openid: string;
  role: Role;
  /** Required for staff, gridWorker, secretary. */
  communityId?: string;
  /** Required for liaison and member. */
  unitId?: string;
}

/** A demand by id, and an optional reason or note where the step needs one. */
type ById = { id: string };

/** `dispatch`: Pillar 1, the demand → dispatch → claim → verify → rate loop. */
export interface DispatchApi {
  /** A resident submits (place from their binding); staff may submit on a resident's behalf. */
  submit: {
    req: {
      kind?: DemandKind;
      category: DemandCategory;
      text: string;
      photos?: string[];
      urgency?: Urgency;
      anonymous?: boolean;
      householdId?: string;
      /** Staff only: the resident (openid) the demand is for. */
      onBehalfOf?: string;
    };
    res: DemandDetail;
  };
  /**
   * Photos go through the function so that type and size are checked on the server. Exactly one
   * of `base64` (H5) or `cdn` (WeChat: the URL `wx.cloud.CDN` turns a chosen file into).
   */
  uploadPhoto: {
    req: { contentType: 'image/jpeg' | 'image/png' | 'image/webp'; base64?: string; cdn?: string };
    res: { fileID: string; url: string };
  };
  list: { req: DemandListRequest; res: DemandPage };
  detail: { req: ById; res: DemandDetail };
  handle: { req: ById & { note?: string }; res: DemandDetail };
  /** To one paired unit, or (no unitId) offered to every paired unit: the first to accept takes it. */
  dispatch: { req: ById & { unitId?: string; slots: number; expectedHours: number; urgency?: Urgency; deadline?: string }; res: DemandDetail };
  merge: { req: ById & { intoId: string }; res: DemandDetail };
  decline: { req: ById & { reason: string }; res: DemandDetail };
  accept: { req: ById; res: DemandDetail };
  reject: { req: ById & { reason: string }; res: DemandDetail };
  assign: { req: ById & { memberOpenids: string[] }; res: DemandDetail };
  claim: { req: ById; res: DemandDetail };
  withdraw: { req: ById; res: DemandDetail };
  /** A claimant reports their part (own hours); staff complete a demand handled in the community. */
  complete: { req: ById & { notes: string; photos?: string[]; hours?: number }; res: DemandDetail };
  verify: { req: ById; res: DemandDetail };
  sendBack: { req: ById & { reason: string }; res: DemandDetail };
  rate: { req: ById & { value: Rating; comment?: string }; res: DemandDetail };
  returnVisit: { req: ById & { note: string }; res: DemandDetail };
  escalate: { req: ById & { reason: string }; res: DemandDetail };
  close: { req: ById & { note: string }; res: DemandDetail };
  /** 三率 of a community or a unit for a month (YYYY-MM). */
  scorecard: { req: { scope: 'community' | 'unit'; id: string; month: string }; res: Scorecard };
}

/** Every function and its actions. */
export interface ApiMap {
  org: OrgApi;
  dispatch: DispatchApi;
  visits: VisitsApi;
  points: PointsApi;
  imports: ImportsApi;
}

export type FunctionName = keyof ApiMap;
export type ActionName<F extends FunctionName> = keyof ApiMap[F] & string;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = ApiMap[F][A] extends { req: infer R } ? R : never;
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = ApiMap[F][A] extends { res: infer R } ? R : never;

/** A demo user as `GET /api/dev/users` lists them (local mode only). */
export interface DevUser {
  openid: string;
  name: string;
  roles: RoleGrant[];
  /** A short Chinese label for the role switcher, e.g. "社区工作者 · 东街社区". */
  label: string;
}
