/**
 * Administration (管理): the records every back-office act leaves and the grants held for people
 * who have not opened the app yet. Contracts only. The back office's actions extend `OrgApi`
 * (types/api.ts); the workbook import has its own function (`imports`).
 */
import type { RoleGrant } from './domain';

/** What an audit entry is about. */
export type AuditTargetKind = 'setup' | 'region' | 'household' | 'unit' | 'pairing' | 'role' | 'invitation' | 'import' | 'rules';

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
