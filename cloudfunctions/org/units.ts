/**
 * org: county units (县直单位 / 共建单位) — add, edit, archive — and their pairings with communities
 * (结对共建). The admin; a unit's liaison edits its description. Every change with its audit entry.
 */
import type { Region, Unit, UnitPairing } from '../../types/domain';
import { isAdmin, isLiaisonOf, type Actor } from '../core/actor';
import type { AuditDraft } from '../lib/audit';
import { auditIn } from '../lib/audit';
import { db, isDuplicateWrite } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { inTransaction } from '../lib/retry';
import type { Handlers } from '../lib/router';
import { id, text, z } from '../lib/validate';

type H = Handlers<'org'>;

const UNITS = 'units';

async function loadUnit(unitId: string): Promise<Unit> {
  const unit = (await db.collection(UNITS).doc(unitId).get<Unit>()).data;
  if (!unit) throw refuse.notFound('单位');
  return unit;
}

const by = (actor: Actor) => ({ openid: actor.openid, name: actor.name });
const unitSnapshot = (u: Unit) => ({ name: u.name, description: u.description, archived: !!u.archived });

function unitDraft(actor: Actor, action: string, before: Unit | null, after: Unit): AuditDraft {
  return { actor: by(actor), action, target: { kind: 'unit', id: after._id, name: after.name }, before: before && unitSnapshot(before), after: unitSnapshot(after), scope: { unitId: after._id } };
}

/** Saves the unit and its audit entry; a name another unit has is a CONFLICT (unique index). */
async function saveUnit(actor: Actor, action: string, before: Unit | null, after: Unit, now: Date): Promise<Unit> {
  try {
    await inTransaction(async (t) => {
      const { _id, ...data } = after;
      await t.collection(UNITS).doc(_id).set({ data });
      await auditIn(t, unitDraft(actor, action, before, after), now);
    });
  } catch (e) {
    if (isDuplicateWrite(e)) throw refuse.conflict(`已有名为「${after.name}」的单位`);
    throw e;
  }
  return after;
}

const requireAdmin = (actor: Actor, message: string) => {
  if (!isAdmin(actor.roles)) throw refuse.forbidden(message);
};

export const addUnit: H['addUnit'] = {
  input: z.strictObject({ name: text(30), description: z.string().trim().max(200) }),
  async run({ name, description }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以添加单位');
    return saveUnit(actor, 'addUnit', null, { _id: newId(), name, description }, now);
  },
};

export const editUnit: H['editUnit'] = {
  input: z
    .strictObject({ unitId: id(), name: text(30).optional(), description: z.string().trim().max(200).optional() })
    .refine((x) => x.name !== undefined || x.description !== undefined, '请填写新名称或简介'),
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
  input: z.strictObject({ unitId: id() }),
  async run({ unitId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以归档单位');
    const [before, pairings] = await Promise.all([loadUnit(unitId), db.collection('pairings').where({ unitId }).limit(1).get<UnitPairing>()]);
    if (before.archived) return before;
    if (pairings.data.length) throw new AppError('INVALID_STATE', `「${before.name}」还有结对社区，请先解除结对`);
    return saveUnit(actor, 'archiveUnit', before, { ...before, archived: true }, now);
  },
};

const pairingInput = z.strictObject({ unitId: id(), communityId: id() });

const pairingDraft = (actor: Actor, action: string, p: UnitPairing, before: UnitPairing | null, after: UnitPairing | null): AuditDraft => ({
  actor: by(actor),
  action,
  target: { kind: 'pairing', id: p._id },
  before: before && { unitId: before.unitId, communityId: before.communityId },
  after: after && { unitId: after.unitId, communityId: after.communityId },
  scope: { communityId: p.communityId, unitId: p.unitId },
});

/** Idempotent: pairing twice keeps the first record. Reads: caller, unit, community, the pairing (in the transaction). */
export const pairUnit: H['pairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以设置结对共建');
    const [unit, community] = await Promise.all([
      db.collection(UNITS).doc(unitId).get<Unit>().then((r) => r.data),
      db.collection('regions').doc(communityId).get<Region>().then((r) => r.data),
    ]);
    if (!unit) throw refuse.notFound('单位');
    if (!community || community.level !== 'community') throw refuse.notFound('社区');
    if (unit.archived || community.archived) throw new AppError('INVALID_STATE', `「${unit.archived ? unit.name : community.name}」已归档，不能结对`);
    const pairing: UnitPairing = { _id: `${unitId}_${communityId}`, unitId, communityId, createdAt: now, createdBy: actor.openid };
    return inTransaction(
      async (t) => {
        const existing = (await t.collection('pairings').doc(pairing._id).get<UnitPairing>()).data;
        if (existing) return { ...existing, _id: pairing._id };
        const { _id, ...data } = pairing;
        await t.collection('pairings').doc(_id).set({ data });
        await auditIn(t, pairingDraft(actor, 'pairUnit', pairing, null, pairing), now);
        return pairing;
      },
      { duplicates: true },
    );
  },
};

/** Reads: caller, the pairing (in the transaction). Writes: removal and audit entry. */
export const unpairUnit: H['unpairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { actor, now }) {
    requireAdmin(actor, '只有县委组织部可以解除结对共建');
    const pairingId = `${unitId}_${communityId}`;
    return inTransaction(async (t) => {
      const existing = (await t.collection('pairings').doc(pairingId).get<UnitPairing>()).data;
      if (!existing) return { removed: false };
      await t.collection('pairings').doc(pairingId).remove();
      await auditIn(t, pairingDraft(actor, 'unpairUnit', { ...existing, _id: pairingId }, existing, null), now);
      return { removed: true };
    });
  },
};
