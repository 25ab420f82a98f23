/** Input schemas of the org actions: the edge's validation, strict and bounded (the schema is the type). */
import type { AuditTargetKind } from '../../types/admin';
import type { Role } from '../../types/domain';
import { MAX_INVITATION_DAYS, MAX_INVITATION_USES } from '../core/invitations';
import { ROLES } from '../core/roles';
import * as z from 'zod';
import { id, paging, text, userText } from '../lib/validate';

const role = () => z.enum(ROLES as [Role, ...Role[]]);
const GRANTABLE = ROLES.filter((r) => r !== 'resident') as [Role, ...Role[]];
const AUDIT_KINDS: AuditTargetKind[] = ['setup', 'region', 'household', 'unit', 'pairing', 'role', 'invitation', 'import', 'rules'];

const regionName = () => userText(30, { scene: 1 });
const divisionCode = () => z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
const room = () => userText(20, { scene: 1 });
const householdLabel = () => userText(20, { scene: 1, optional: true });
const unitDescription = () => userText(200, { scene: 1, optional: true });
const invitationCode = () => z.string().trim().min(1).max(20);

// ---- profile and setup ----
export const registerInput = z.strictObject({
  name: userText(20, { scene: 1 }),
  phone: z.string().regex(/^1\d{10}$/, '手机号应为 11 位数字').optional(),
});
export const meInput = z.strictObject({});
export const bindBuildingInput = z.strictObject({ buildingId: id() });
export const setElderModeInput = z.strictObject({ elderMode: z.boolean() });
export const setupInput = z.strictObject({ code: z.string().min(1).max(64) });

// ---- regions and units, read ----
export const regionTreeInput = z.strictObject({
  rootId: id().optional(),
  depth: z.number().int().min(1).max(5).optional(),
  includeArchived: z.boolean().optional(),
});
export const listUnitsInput = z.strictObject({ includeArchived: z.boolean().optional() });

// ---- region edits ----
export const addRegionInput = z.strictObject({ parentId: id().optional(), name: regionName(), divisionCode: divisionCode().optional() });
export const renameRegionInput = z
  .strictObject({ id: id(), name: regionName().optional(), divisionCode: divisionCode().nullable().optional() })
  .refine((x) => x.name !== undefined || x.divisionCode !== undefined, '请填写新名称或区划代码');
export const moveRegionInput = z.strictObject({ id: id(), parentId: id() });
export const archiveRegionInput = z.strictObject({ id: id() });

// ---- households ----
export const addHouseholdInput = z.strictObject({ buildingId: id(), room: room(), label: householdLabel().optional() });
export const listHouseholdsInput = z.strictObject({ buildingId: id(), archived: z.boolean().optional(), ...paging });
export const editHouseholdInput = z
  .strictObject({ id: id(), room: room().optional(), label: householdLabel().optional() })
  .refine((x) => x.room !== undefined || x.label !== undefined, '请填写新房号或标注');
export const moveHouseholdInput = z.strictObject({ id: id(), buildingId: id() });
export const archiveHouseholdInput = z.strictObject({ id: id() });

// ---- units and pairings ----
export const addUnitInput = z.strictObject({ name: userText(30, { scene: 1 }), description: unitDescription() });
export const editUnitInput = z
  .strictObject({ unitId: id(), name: userText(30, { scene: 1 }).optional(), description: unitDescription().optional() })
  .refine((x) => x.name !== undefined || x.description !== undefined, '请填写新名称或简介');
export const archiveUnitInput = z.strictObject({ unitId: id() });
export const pairingInput = z.strictObject({ unitId: id(), communityId: id() });

// ---- roles and people ----
export const roleChangeInput = z.strictObject({
  openid: id(),
  role: role(),
  communityId: id().optional(),
  unitId: id().optional(),
  townId: id().optional(),
});
export const listUsersInput = z.strictObject({
  communityId: id().optional(),
  unitId: id().optional(),
  role: role().optional(),
  ...paging,
});
export const searchPeopleInput = z.strictObject({
  q: text(20).optional(),
  communityId: id().optional(),
  unitId: id().optional(),
  role: role().optional(),
  ...paging,
});

// ---- invitations ----
export const createInvitationInput = z.strictObject({
  role: z.enum(GRANTABLE),
  communityId: id().optional(),
  unitId: id().optional(),
  townId: id().optional(),
  days: z.number().int().min(1).max(MAX_INVITATION_DAYS),
  maxUses: z.number().int().min(1).max(MAX_INVITATION_USES),
});
export const invitationCodeInput = z.strictObject({ code: invitationCode() });
export const listInvitationsInput = z.strictObject({ communityId: id().optional(), unitId: id().optional(), ...paging });

// ---- 楼栋码 and the audit log ----
export const buildingPosterInput = z.strictObject({ communityId: id() });
export const previewBuildingInput = z.strictObject({ buildingId: id() });
export const auditLogInput = z.strictObject({
  // `action` names the call itself (the router's field), so the filter is `act`.
  act: z.string().regex(/^[A-Za-z]{1,40}$/).optional(),
  kind: z.enum(AUDIT_KINDS as [AuditTargetKind, ...AuditTargetKind[]]).optional(),
  communityId: id().optional(),
  unitId: id().optional(),
  /** From this China day on (YYYY-MM-DD). */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD').optional(),
  ...paging,
});
