/**
 * org: households (户, collection `households`) — add, change room or label, move to another
 * building of the community, archive. The admin and the community's secretary; each change and
 * its audit entry in one transaction. Room numbers are unique per building (a unique index).
 */
import type { HouseholdRecord } from '../../types/admin';
import type { Region } from '../../types/domain';
import type { Actor } from '../core/actor';
import { mayEditHouseholds } from '../core/region-edits';
import { auditIn } from '../lib/audit';
import { db, isDuplicateWrite } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { inTransaction } from '../lib/retry';
import type { Handlers } from '../lib/router';
import { id, text, z } from '../lib/validate';
import { loadRegion } from './region-edits';

type H = Handlers<'org'>;

const HOUSEHOLDS = 'households';
const room = () => text(20);
const label = () => z.string().trim().max(20);

async function loadHousehold(householdId: string): Promise<HouseholdRecord> {
  const h = (await db.collection(HOUSEHOLDS).doc(householdId).get<HouseholdRecord>()).data;
  if (!h) throw refuse.notFound('住户');
  return h;
}

/** An active building to put a household in. */
async function loadBuilding(buildingId: string): Promise<Region> {
  const b = await loadRegion(buildingId, '楼栋');
  if (b.level !== 'building') throw refuse.notFound('楼栋');
  if (b.archived) throw new AppError('INVALID_STATE', `「${b.name}」已归档，不能再添加住户`);
  return b;
}

function requireRights(actor: Actor, communityId: string): void {
  if (!mayEditHouseholds(actor.roles, communityId)) throw refuse.forbidden('您无权维护此社区的住户');
}

const snapshotOf = (h: HouseholdRecord) => ({ buildingId: h.buildingId, estateId: h.estateId, room: h.room, label: h.label ?? '', archived: !!h.archived });

/** Saves the household and its audit entry; a room taken in the building is a CONFLICT. */
async function save(actor: Actor, action: string, before: HouseholdRecord | null, after: HouseholdRecord, now: Date): Promise<HouseholdRecord> {
  try {
    await inTransaction(async (t) => {
      const { _id, ...data } = after;
      await t.collection(HOUSEHOLDS).doc(_id).set({ data });
      await auditIn(
        t,
        {
          actor: { openid: actor.openid, name: actor.name },
          action,
          target: { kind: 'household', id: after._id, name: after.room },
          before: before && snapshotOf(before),
          after: snapshotOf(after),
          scope: { communityId: after.communityId },
        },
        now,
      );
    });
  } catch (e) {
    if (isDuplicateWrite(e)) throw refuse.conflict(`该楼栋已有房号「${after.room}」（含已归档的住户）`);
    throw e;
  }
  return after;
}

function requireActive(h: HouseholdRecord): void {
  if (h.archived) throw new AppError('INVALID_STATE', '该住户已归档，不能修改');
}

/**
 * A key household copies its building, estate, room and address (敲门行动 lists read no other
 * collection), so its place is changed there first: unmark it, edit, mark it again.
 */
async function requireNotKey(householdId: string): Promise<void> {
  const key = (await db.collection('keyHouseholds').doc(householdId).get<{ active: boolean }>()).data;
  if (key?.active) throw new AppError('INVALID_STATE', '该住户是重点户，请先在敲门行动中取消重点户');
}

/** Reads: the caller, the building. Writes: the household, the audit entry. */
export const addHousehold: H['addHousehold'] = {
  input: z.strictObject({ buildingId: id(), room: room(), label: label().optional() }),
  async run(input, { actor, now }) {
    const building = await loadBuilding(input.buildingId);
    requireRights(actor, building.path[2]);
    const household: HouseholdRecord = {
      _id: newId(),
      buildingId: building._id,
      estateId: building.path[3],
      communityId: building.path[2],
      room: input.room,
      ...(input.label ? { label: input.label } : {}),
    };
    return save(actor, 'addHousehold', null, household, now);
  },
};

/** Reads: the caller, the household (+ whether it is a key household, for a new room). Writes: 2. */
export const editHousehold: H['editHousehold'] = {
  input: z
    .strictObject({ id: id(), room: room().optional(), label: label().optional() })
    .refine((x) => x.room !== undefined || x.label !== undefined, '请填写新房号或标注'),
  async run({ id: householdId, room: newRoom, label: newLabel }, { actor, now }) {
    const before = await loadHousehold(householdId);
    requireRights(actor, before.communityId);
    requireActive(before);
    if (newRoom !== undefined && newRoom !== before.room) await requireNotKey(householdId);
    const after: HouseholdRecord = { ...before, ...(newRoom !== undefined ? { room: newRoom } : {}) };
    if (newLabel !== undefined) {
      if (newLabel) after.label = newLabel;
      else delete after.label;
    }
    if (JSON.stringify(after) === JSON.stringify(before)) return before;
    return save(actor, 'editHousehold', before, after, now);
  },
};

/** Reads: the caller, the household and the building, whether it is a key household. Writes: 2. */
export const moveHousehold: H['moveHousehold'] = {
  input: z.strictObject({ id: id(), buildingId: id() }),
  async run({ id: householdId, buildingId }, { actor, now }) {
    const [before, building] = await Promise.all([loadHousehold(householdId), loadBuilding(buildingId)]);
    requireRights(actor, before.communityId);
    requireActive(before);
    // Key households, visits and demands name the community: a household stays in its own.
    if (building.path[2] !== before.communityId) throw new AppError('INVALID_STATE', '住户只能移到本社区的其他楼栋');
    if (building._id === before.buildingId) return before;
    await requireNotKey(householdId);
    return save(actor, 'moveHousehold', before, { ...before, buildingId: building._id, estateId: building.path[3] }, now);
  },
};

/** Reads: the caller, the household, whether it is a key household. Writes: 2. */
export const archiveHousehold: H['archiveHousehold'] = {
  input: z.strictObject({ id: id() }),
  async run({ id: householdId }, { actor, now }) {
    const before = await loadHousehold(householdId);
    requireRights(actor, before.communityId);
    if (before.archived) return before;
    await requireNotKey(householdId);
    return save(actor, 'archiveHousehold', before, { ...before, archived: true }, now);
  },
};
