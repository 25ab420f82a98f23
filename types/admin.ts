/**
 * Administration (管理): the records every back-office act leaves and the grants held for people
 * who have not opened the app yet. Contracts only. The back office's actions extend `OrgApi`
 * (types/api.ts); the workbook import has its own function (`imports`).
 */
import type { RoleGrant, UserSummary } from './domain';

/** What an audit entry is about. */
export type AuditTargetKind = 'setup' | 'region' | 'household' | 'unit' | 'pairing' | 'role' | 'invitation' | 'import' | 'rules' | 'export';

/**
 * 操作日志 (collection `auditLog`, append-only): one entry per back-office act — who, when, what,
 * before → after. `scope` lets a secretary or liaison read the entries of their own community or
 * unit; the admin reads all.
 */
export interface AuditEntry {
  _id: string;
  at: Date | string;
  actor: { openid: string; name: string };
  /** The action's name as the API calls it (`grantRole`, `renameRegion`, `applyImport` …). */
  action: string;
  target: { kind: AuditTargetKind; id: string; name?: string };
  /** The changed fields before and after (null: created / removed). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  scope: { communityId?: string; unitId?: string };
}

/**
 * A role held for someone who has not opened the app yet (collection `pendingGrants`, `_id` = the
 * phone number): written by an import, given to the person when they accept an invitation or
 * verify a phone that matches, then marked `claimedBy`.
 */
export interface PendingGrant {
  _id: string;
  name: string;
  phone: string;
  grants: RoleGrant[];
  /** Where they live, when the import names it. */
  communityId: string | null;
  source: { kind: 'import'; importId: string; sheet: string; row: number };
  createdAt: Date | string;
  claimedBy: string | null;
  claimedAt: Date | string | null;
}

/** Things a back-office person may be refused for trying too often (collection `attempts`). */
export type AttemptKind = 'setup' | 'invitation';

/**
 * Tries of a code by one person in the current window (collection `attempts`, `_id` =
 * `${kind}_${openid}`): the window opens at the first try and lasts an hour.
 */
export interface AttemptCounter {
  _id: string;
  kind: AttemptKind;
  openid: string;
  windowStart: Date | string;
  count: number;
}

/**
 * 初始化: the record that the setup code was used (collection `setup`, fixed `_id` `first-admin`,
 * so among racing callers exactly one creates it). Once it exists the code never works again.
 */
export interface SetupRecord {
  _id: string;
  openid: string;
  name: string;
  at: Date | string;
}

/** What the caller may do to a person's roles: grants to add, held grants to take away. */
export interface RoleActions {
  /** A scoped role without its community / unit id (admin only) means "choose where". */
  grant: RoleGrant[];
  revoke: RoleGrant[];
}

/**
 * A person as `org.searchPeople` finds them: the summary (its phone full to the admin, masked to
 * everyone else), where they live, and what the caller may do to their roles.
 */
export interface PersonResult extends UserSummary {
  buildingId: string | null;
  allowedActions: RoleActions;
}

/**
 * 邀请 (collection `invitations`, `_id` = the short code): hands one role in one scope to whoever
 * accepts it, until it expires, is revoked or its uses are spent.
 */
export interface Invitation {
  _id: string;
  grant: RoleGrant;
  /** The community's or unit's name when it was made (县人社局, 东街社区); "" for admin / resident. */
  scopeName: string;
  createdBy: { openid: string; name: string };
  createdAt: Date | string;
  expiresAt: Date | string;
  maxUses: number;
  uses: number;
  revokedAt: Date | string | null;
  revokedBy: string | null;
}

export type InvitationStatus = 'active' | 'expired' | 'revoked' | 'usedUp';

/** An invitation as its maker sees it, with what the QR code needs. */
export interface InvitationView extends Omit<Invitation, '_id' | 'revokedAt' | 'revokedBy'> {
  code: string;
  status: InvitationStatus;
  /** The mini-program page that accepts it, and the `scene` for wxacode.getUnlimited (≤ 32 characters). */
  page: string;
  scene: string;
}

/** What a person about to accept is shown: no ids, no other acceptances. */
export interface InvitationPreview {
  role: RoleGrant['role'];
  scopeName: string;
  inviter: string;
  expiresAt: Date | string;
  status: InvitationStatus;
}

/** One acceptance (collection `invitationAcceptances`, `_id` = `${code}_${openid}`: once a person). */
export interface InvitationAcceptance {
  _id: string;
  code: string;
  openid: string;
  grant: RoleGrant;
  /** Grants the person also received from `pendingGrants` under their phone number. */
  pending: RoleGrant[];
  at: Date | string;
}

/** A household as stored (collection `households`). */
export interface HouseholdRecord {
  _id: string;
  buildingId: string;
  estateId: string;
  communityId: string;
  /** 房号, unique within the building. */
  room: string;
  /** An optional label (e.g. 户主姓氏 or 门牌), shown beside the room. */
  label?: string;
  archived?: boolean;
}

/** One building on the 楼栋码 poster sheet. */
export interface BuildingCode {
  buildingId: string;
  name: string;
  estateName: string;
  /** The page that binds to the building, and the QR `scene` (the building id). */
  page: string;
  scene: string;
}
