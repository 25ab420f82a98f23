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
  QueueCounts,
  QueueReconcileReport,
  Rating,
  Scorecard,
  Urgency,
} from './dispatch';
import type { Me, Page, Paged, Region, RegionNode, Role, RoleGrant, Unit, UnitPairing, UserSummary } from './domain';
import type {
  AuditEntry,
  AuditTargetKind,
  BuildingCode,
  HouseholdRecord,
  InvitationPreview,
  InvitationView,
  PersonResult,
} from './admin';
import type { VisitsApi } from './visits';
import type { PointsApi } from './points';
import type { ImportsApi } from './imports';
import type { StatsApi } from './stats';
import type { WishesApi } from './wishes';
import type { ProjectsApi } from './projects';
import type { PostsApi } from './posts';
import type { ExportsApi } from './exports';

/** `org`: organisation and identity. */
export interface OrgApi {
  /** Any caller with an openid: create their own user record as a resident. */
  register: { req: { name: string; phone?: string }; res: Me };
  /**
   * The caller's profile, roles, community, unit; `setupOpen: true` while the county has no admin
   * and a setup code is configured (我的 then offers 初始化; absent otherwise).
   */
  me: { req: Record<string, never>; res: Me & { setupOpen?: true } };
  /**
   * 初始化: a registered person enters the one-time setup code (the `org` function's environment
   * variable JINLIN_SETUP_CODE) and becomes the first admin. Works once, ever; 5 tries an hour.
   */
  setup: { req: { code: string }; res: Me };
  /**
   * The region tree under `rootId` (default: from the county), `depth` levels deep (default and
   * most 5: county → building). At most 1000 regions; ask for a subtree in a large county.
   * Any registered user (households are not part of it). Archived regions only with
   * `includeArchived`.
   */
  regionTree: { req: { rootId?: string; depth?: number; includeArchived?: boolean }; res: RegionNode[] };
  /** Every unit with the communities it is paired with (archived ones only if asked). Any registered user. */
  listUnits: { req: { includeArchived?: boolean }; res: UnitWithPairings[] };
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

  // ---- 管理 (back office) ------------------------------------------------------------------

  /**
   * People by name or phone (`q`), with what the caller may do to their roles. Admin: everyone
   * (full phones); staff, grid worker, secretary: people of their own community; liaison: people
   * of their own unit (masked phones).
   */
  searchPeople: {
    req: { q?: string; communityId?: string; unitId?: string; role?: Role; page?: number; pageSize?: number };
    res: Paged<PersonResult>;
  };
  /**
   * A region under `parentId`, one level below it (town under the county, community under a town,
   * estate under a community, building under an estate). Admin; secretary: estates and buildings
   * in their own community. Names unique among siblings; `divisionCode` (统计用区划代码) for the
   * county, towns and communities. Without `parentId`: the county itself (admin, once per deploy).
   */
  addRegion: { req: { parentId?: string; name: string; divisionCode?: string }; res: Region };
  /** Rename (and, for the county, towns and communities, set or clear the 区划代码). Same rights as addRegion. */
  renameRegion: { req: { id: string; name?: string; divisionCode?: string | null }; res: Region };
  /**
   * Move a region under another parent of the same level as its parent: a community to another
   * town, a building to another estate of its community (admin; secretary: buildings only).
   */
  moveRegion: { req: { id: string; parentId: string }; res: Region };
  /** Archive (never delete) a region with no active children. Same rights as addRegion. */
  archiveRegion: { req: { id: string }; res: Region };
  /** A household under a building. Admin; the secretary of its community. */
  addHousehold: { req: { buildingId: string; room: string; label?: string }; res: HouseholdRecord };
  /** A building's households by room, the active ones or the archived. Same rights as addHousehold. */
  listHouseholds: { req: { buildingId: string; archived?: boolean; page?: number; pageSize?: number }; res: Paged<HouseholdRecord> };
  /** Change a household's room or label. Same rights as addHousehold. */
  editHousehold: { req: { id: string; room?: string; label?: string }; res: HouseholdRecord };
  /** Move a household to another building of its community. Same rights as addHousehold. */
  moveHousehold: { req: { id: string; buildingId: string }; res: HouseholdRecord };
  /** Archive (never delete) a household. Same rights as addHousehold. */
  archiveHousehold: { req: { id: string }; res: HouseholdRecord };
  /** Admin: a new county unit (name unique). */
  addUnit: { req: { name: string; description: string }; res: Unit };
  /** Admin: name and description; the unit's liaison: its description only. */
  editUnit: { req: { unitId: string; name?: string; description?: string }; res: Unit };
  /** Admin: archive a unit with no pairings left. */
  archiveUnit: { req: { unitId: string }; res: Unit };
  /**
   * An invitation for a role in a scope, made by whoever may grant that role there (core/grants.ts),
   * valid `days` days for `maxUses` people. The answer carries the short code, page and scene.
   */
  createInvitation: {
    req: { role: Role; communityId?: string; unitId?: string; townId?: string; days: number; maxUses: number };
    res: InvitationView;
  };
  /** What an invitation is, for the person about to accept it. Wrong codes: 10 tries an hour. */
  previewInvitation: { req: { code: string }; res: InvitationPreview };
  /**
   * A registered person accepts: the role is theirs (and any role an import holds for their
   * phone number in `pendingGrants`). Once a person; refused when expired, revoked or used up.
   */
  acceptInvitation: { req: { code: string }; res: { me: Me; granted: RoleGrant[] } };
  /** Invitations the caller may hand out: admin all (or of a community / unit); others their scope's. */
  listInvitations: { req: { communityId?: string; unitId?: string; page?: number; pageSize?: number }; res: Paged<InvitationView> };
  /** Revoke an invitation; whoever could have made it. */
  revokeInvitation: { req: { code: string }; res: InvitationView };
  /** 楼栋码: every active building of a community with its QR page and scene. Admin; that community's staff. */
  buildingPoster: { req: { communityId: string }; res: { community: { _id: string; name: string }; buildings: BuildingCode[] } };
  /** The scanned 楼栋码 page: the building's, estate's and community's names. Anyone identified. */
  previewBuilding: { req: { buildingId: string }; res: { buildingId: string; building: string; estate: string; community: string } };
  /**
   * 操作日志, newest first. Admin: all; secretary: their community's entries; liaison: their unit's.
   * `act` filters by the action's name (`action` itself names the call).
   */
  auditLog: {
    req: { act?: string; kind?: AuditTargetKind; communityId?: string; unitId?: string; since?: string; page?: number; pageSize?: number };
    res: Paged<AuditEntry>;
  };
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
  /** Required for town (镇街干部): a region of level town. */
  townId?: string;
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
      /** A client-made key per form submission, kept across retries: the same key from the same person files one demand (the first's answer). */
      requestId?: string;
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
  /** 延期: the unit's liaison asks for a later finish date (YYYY-MM-DD, China time) before the deadline passes. */
  extend: { req: ById & { until: string; reason: string }; res: DemandDetail };
  approveExtension: { req: ById; res: DemandDetail };
  refuseExtension: { req: ById & { reason: string }; res: DemandDetail };
  /** 催办: once per person per item per China day. */
  urge: { req: ById & { note?: string }; res: DemandDetail };
  /** 督办: the town or the county supervises the item until it is resolved. */
  supervise: { req: ById & { reason: string }; res: DemandDetail };
  /** 改派: staff send an overdue item (or one whose 延期 was refused) to another paired unit. */
  redispatch: { req: ById & { unitId: string; reason: string }; res: DemandDetail };
  /** The caller's queue counts (maintained counters, 1 read). */
  queueCounts: { req: Record<string, never>; res: QueueCounts };
  /** Admin: recount every queue counter from the demands and report differences (writes nothing). */
  reconcileQueues: { req: Record<string, never>; res: QueueReconcileReport };
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
  wishes: WishesApi;
  projects: ProjectsApi;
  posts: PostsApi;
  stats: StatsApi;
  exports: ExportsApi;
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
