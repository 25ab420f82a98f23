/**
 * org: households (户, collection `households`) — add, change room or label, move to another
 * building of the community, archive. The admin and the community's secretary; each change and
 * its audit entry in one transaction (household-store.ts). Room numbers are unique per building.
 */
import type { HouseholdRecord } from '../../types/admin';
import type { Region } from '../../types/domain';
import type { Actor } from '../core/actor';
import { mayEditHouseholds } from '../core/region-edits';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { isKeyHousehold, listHouseholds as readHouseholds, loadHousehold, saveHousehold } from './household-store';
import { loadRegion } from './region-store';
import { addHouseholdInput, archiveHouseholdInput, editHouseholdInput, listHouseholdsInput, moveHouseholdInput } from './schemas';

type H = Handlers<'org'>;

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

function requireActive(h: HouseholdRecord): void {
  if (h.archived) throw new AppError('INVALID_STATE', '该住户已归档，不能修改');
}

/**
 * A key household copies its building, estate, room and address (敲门行动 lists read no other
 * collection), so its place is changed there first: unmark it, edit, mark it again.
 */
async function requireNotKey(householdId: string): Promise<void> {
  if (await isKeyHousehold(householdId)) throw new AppError('INVALID_STATE', '该住户是重点户，请先在敲门行动中取消重点户');
}

/** Reads: the caller, the building. Writes: the household, the audit entry. */
export const addHousehold: H['addHousehold'] = {
  input: addHouseholdInput,
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
    return saveHousehold(actor, 'addHousehold', null, household, now);
  },
};

/** Reads: the caller, the building, one page. An archived building still lists its households. */
export const listHouseholds: H['listHouseholds'] = {
  input: listHouseholdsInput,
  async run({ buildingId, archived, page = 1, pageSize = 20 }, { actor }) {
    const building = await loadRegion(buildingId, '楼栋');
    if (building.level !== 'building') throw refuse.notFound('楼栋');
    requireRights(actor, building.path[2]);
    return readHouseholds(building._id, archived ?? false, page, pageSize);
  },
};

/** Reads: the caller, the household (+ whether it is a key household, for a new room). Writes: 2. */
export const editHousehold: H['editHousehold'] = {
  input: editHouseholdInput,
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
    return saveHousehold(actor, 'editHousehold', before, after, now);
  },
};

/** Reads: the caller, the household and the building, whether it is a key household. Writes: 2. */
export const moveHousehold: H['moveHousehold'] = {
  input: moveHouseholdInput,
  async run({ id: householdId, buildingId }, { actor, now }) {
    const [before, building] = await Promise.all([loadHousehold(householdId), loadBuilding(buildingId)]);
    requireRights(actor, before.communityId);
    requireActive(before);
    // Key households, visits and demands name the community: a household stays in its own.
    if (building.path[2] !== before.communityId) throw new AppError('INVALID_STATE', '住户只能移到本社区的其他楼栋');
    if (building._id === before.buildingId) return before;
    await requireNotKey(householdId);
    return saveHousehold(actor, 'moveHousehold', before, { ...before, buildingId: building._id, estateId: building.path[3] }, now);
  },
};

/** Reads: the caller, the household, whether it is a key household. Writes: 2. */
export const archiveHousehold: H['archiveHousehold'] = {
  input: archiveHouseholdInput,
  async run({ id: householdId }, { actor, now }) {
    const before = await loadHousehold(householdId);
    requireRights(actor, before.communityId);
    if (before.archived) return before;
    await requireNotKey(householdId);
    return saveHousehold(actor, 'archiveHousehold', before, { ...before, archived: true }, now);
  },
};
