/** Loading people and shaping them for responses (masked phones, resolved names). */
import type { Me, Region, Unit, User, UserSummary } from '../../types/domain';
import { maskPhone } from '../core/mask';
import { _, db } from './cloud';

export async function loadUser(openid: string): Promise<User | null> {
  return (await db.collection('users').doc(openid).get<User>()).data;
}

/** The caller's own view: names of their community, building and unit resolved (≤ 2 reads). */
export async function toMe(user: User): Promise<Me> {
  const regionIds = [user.communityId, user.buildingId].filter((x): x is string => !!x);
  const [regions, unit] = await Promise.all([
    regionIds.length
      ? db.collection('regions').where({ _id: _.in(regionIds) }).limit(2).get<Region>().then((r) => r.data)
      : Promise.resolve([] as Region[]),
    user.unitId ? db.collection('units').doc(user.unitId).get<Unit>().then((r) => r.data) : Promise.resolve(null),
  ]);
  const named = (id: string | null) => {
    const r = regions.find((x) => x._id === id);
    return r ? { _id: r._id, name: r.name } : null;
  };
  return {
    openid: user._id,
    name: user.name,
    phone: maskPhone(user.phone),
    roles: user.roles,
    community: named(user.communityId),
    building: named(user.buildingId),
    unit: unit ? { _id: unit._id, name: unit.name } : null,
    elderMode: user.elderMode ?? null,
  };
}

export function toSummary(user: User): UserSummary {
  return {
    openid: user._id,
    name: user.name,
    phone: maskPhone(user.phone),
    roles: user.roles,
    communityId: user.communityId,
    unitId: user.unitId,
  };
}
