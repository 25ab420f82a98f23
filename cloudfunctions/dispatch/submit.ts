/** dispatch: a resident (or staff on a resident's behalf) reports a demand. */
import { staffCommunities } from '../core/actor';
import { monthOf } from '../core/calendar';
import { newDemand } from '../core/new-demand';
import { queueEffects } from '../core/queues';
import { receivedEffects } from '../core/stats';
import type { User } from '../../types/domain';
import { AppError, refuse } from '../lib/errors';
import { applyPending, clearPending, finishLeftovers, pendingOf } from '../lib/effects';
import { idFor } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { submitInput } from './schemas';
import { insertDemand, loadBuilding, loadHousehold, loadUser } from './store';
import { toDemandDetail } from './views';

export const submit: Handlers<'dispatch'>['submit'] = {
  input: submitInput,
  async run(input, ctx) {
    let resident: User = ctx.user;
    if (input.onBehalfOf) {
      const target = await loadUser(input.onBehalfOf);
      if (!target || !target.communityId || !staffCommunities(ctx.user.roles).includes(target.communityId)) {
        throw refuse.forbidden('只能为本社区的居民代为反映');
      }
      resident = target;
    }
    if (!resident.communityId) throw new AppError('INVALID_STATE', '请先在「我的」页面绑定所住楼栋，诉求才能送到所在社区');
    const [estateId] = await Promise.all([
      estateOf(resident),
      input.householdId ? checkHousehold(input.householdId, resident, staffCommunities(ctx.user.roles)) : undefined,
    ]);
    const photos = input.photos ?? [];
    if (photos.some((p) => !ownsPhoto(p, ctx.openid))) throw refuse.invalid('只能使用您自己上传的照片');
    const demand = newDemand({
      _id: idFor(ctx.openid, 'dispatch.submit', input.requestId),
      kind: input.kind,
      category: input.category,
      text: input.text,
      photos,
      urgency: input.urgency,
      anonymous: input.anonymous,
      submitter: { openid: resident._id, name: resident.name, phone: resident.phone },
      onBehalfBy: input.onBehalfOf ? ctx.openid : null,
      communityId: resident.communityId,
      buildingId: resident.buildingId,
      estateId,
      householdId: input.householdId,
      actor: { openid: ctx.openid, name: ctx.user.name },
      now: ctx.now,
    });
    // 诉求量 and the queues' counters are recorded on the demand as it is filed and applied after,
    // like any step's effects, so a crash between the writes is finished by a retry or the timer.
    const received = pendingOf([...receivedEffects(demand, monthOf(ctx.now)), ...queueEffects(null, demand)], ctx.now)!;
    const filed = { ...demand, requestId: input.requestId ?? null, pendingEffects: { [received.key]: received }, effectsDue: { key: received.key, at: received.at } };
    const first = await insertDemand(filed);
    // A retry of a submission already filed (its id is the caller's key): the first demand as it
    // stands now, with whatever its first attempt left applied.
    if (first) {
      await finishLeftovers(first, ctx.now);
      return toDemandDetail({ demand: { ...first, pendingEffects: {}, effectsDue: null }, unitNames: {} }, ctx.actor, ctx.now);
    }
    await applyPending(received, filed, ctx.now);
    await clearPending(filed._id, [received.key], received.key);
    // Not dispatched yet: no unit to name.
    return toDemandDetail({ demand, unitNames: {} }, ctx.actor, ctx.now);
  },
};

/**
 * The 小区（网格） the demand is filed in: its building's parent, read with the building (the one
 * read this costs: the house keeps a person's building, not its estate, so a building moved to
 * another estate is counted where it is now). No building, or one not in the resident's community:
 * null, 「未关联小区」.
 */
async function estateOf(resident: User): Promise<string | null> {
  if (!resident.buildingId) return null;
  const b = await loadBuilding(resident.buildingId);
  return b?.level === 'building' && b.path[2] === resident.communityId ? (b.path[3] ?? null) : null;
}

/**
 * A demand about a household makes a return visit due for that household's visitors once it is
 * resolved (Pillar 3), so naming one is held to the people it concerns: a household in the
 * resident's own building, or any household of the community for its staff.
 */
async function checkHousehold(householdId: string, resident: User, staffOf: string[]): Promise<void> {
  const h = await loadHousehold(householdId);
  const mayName = !!h && h.communityId === resident.communityId && (staffOf.includes(h.communityId) || h.buildingId === resident.buildingId);
  if (!mayName) throw refuse.forbidden('只能为本楼栋的住户反映（社区工作人员可为本社区住户反映）');
}
