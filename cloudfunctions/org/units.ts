/**
 * org: county units (县直单位 / 共建单位) — add, edit, archive — and their pairings with communities
 * (结对共建). The admin; a unit's liaison edits its description. Every change with its audit entry (unit-store.ts).
 */
import type { Unit, UnitPairing } from '../../types/domain';
import { isAdmin, isLiaisonOf, type Actor } from '../core/actor';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { findRegion } from './region-store';
import { addUnitInput, archiveUnitInput, editUnitInput, pairingInput } from './schemas';
import { findUnit, hasPairings, loadUnit, pairingIdOf, removePairing, savePairing, saveUnit } from './unit-store';

type H = Handlers<'org'>;

const requireAdmin = (actor: Actor, message: string) => {
  if (!isAdmin(actor.roles)) throw refuse.forbidden(message);
};

export const addUnit: H['addUnit'] = {
  input: addUnitInput,
  async run({ name, description }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以添加单位');
    return saveUnit(actor, 'addUnit', null, { _id: newId(), name, description }, now);
  },
};

export const editUnit: H['editUnit'] = {
  input: editUnitInput,
  async run({ unitId, name, description }, { actor, now }) {
    const admin = isAdmin(actor.roles);
    if (!admin && !(isLiaisonOf(actor.roles, unitId) && name === undefined)) {
      throw refuse.forbidden(isLiaisonOf(actor.roles, unitId) ? '单位名称由县委组织部修改' : '您只能修改本单位的简介');
    }
    const before = await loadUnit(unitId);
    if (before.archived) throw new AppError('INVALID_STATE', `「${before.name}」已归档，不能修改`);
    const after: Unit = { ...before, ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
    if (after.name === before.name && after.description === before.description) return before;
    return saveUnit(actor, 'editUnit', before, after, now);
  },
};

/** Archives a unit once it has no pairings left (its dispatches and members keep their history). */
export const archiveUnit: H['archiveUnit'] = {
  input: archiveUnitInput,
  async run({ unitId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以归档单位');
    const [before, paired] = await Promise.all([loadUnit(unitId), hasPairings(unitId)]);
    if (before.archived) return before;
    if (paired) throw new AppError('INVALID_STATE', `「${before.name}」还有结对社区，请先解除结对`);
    return saveUnit(actor, 'archiveUnit', before, { ...before, archived: true }, now);
  },
};

/** Idempotent: pairing twice keeps the first record. Reads: caller, unit, community, the pairing (in the transaction). */
export const pairUnit: H['pairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以设置结对共建');
    const [unit, community] = await Promise.all([findUnit(unitId), findRegion(communityId)]);
    if (!unit) throw refuse.notFound('单位');
    if (!community || community.level !== 'community') throw refuse.notFound('社区');
    if (unit.archived || community.archived) throw new AppError('INVALID_STATE', `「${unit.archived ? unit.name : community.name}」已归档，不能结对`);
    const pairing: UnitPairing = { _id: pairingIdOf(unitId, communityId), unitId, communityId, createdAt: now, createdBy: actor.openid };
    return savePairing(actor, pairing, now);
  },
};

/** Reads: caller, the pairing (in the transaction). Writes: removal and audit entry. */
export const unpairUnit: H['unpairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以解除结对共建');
    return removePairing(actor, pairingIdOf(unitId, communityId), now);
  },
};
