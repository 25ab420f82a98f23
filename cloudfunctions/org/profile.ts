/** org: the caller's own profile — register, me, bind to a building, elder mode. */
import type { Region, User } from '../../types/domain';
import { db, isDuplicateWrite } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { loadUser, toMe } from '../lib/people';
import type { Handlers } from '../lib/router';
import { id, text, z } from '../lib/validate';
import { setupOpen } from './setup';

type H = Handlers<'org'>;

export const register: H['register'] = {
  caller: 'openid',
  input: z.strictObject({
    name: text(20),
    phone: z.string().regex(/^1\d{10}$/, '手机号应为 11 位数字').optional(),
  }),
  async run(input, { openid, now }) {
    const user: User = {
      _id: openid,
      name: input.name,
      phone: input.phone ?? '',
      roles: [{ role: 'resident' }],
      communityId: null,
      buildingId: null,
      unitId: null,
      elderMode: null,
      createdAt: now,
    };
    try {
      await db.collection('users').add({ data: user });
    } catch (e) {
      // Registering twice (a retry, a double tap) changes nothing: the first record stands.
      if (!isDuplicateWrite(e)) throw e;
    }
    return toMe((await loadUser(openid))!);
  },
};

export const me: H['me'] = {
  input: z.strictObject({}),
  async run(_input, { user }) {
    const [profile, open] = await Promise.all([toMe(user), setupOpen()]);
    return open ? { ...profile, setupOpen: true as const } : profile;
  },
};

export const bindBuilding: H['bindBuilding'] = {
  input: z.strictObject({ buildingId: id() }),
  async run({ buildingId }, { user }) {
    const building = (await db.collection('regions').doc(buildingId).get<Region>()).data;
    if (!building || building.level !== 'building' || building.archived) throw refuse.notFound('楼栋');
    const communityId = building.path[2];
    await db.collection('users').doc(user._id).update({ data: { buildingId, communityId } });
    return toMe({ ...user, buildingId, communityId });
  },
};

export const setElderMode: H['setElderMode'] = {
  input: z.strictObject({ elderMode: z.boolean() }),
  async run({ elderMode }, { user }) {
    await db.collection('users').doc(user._id).update({ data: { elderMode } });
    return toMe({ ...user, elderMode });
  },
};
