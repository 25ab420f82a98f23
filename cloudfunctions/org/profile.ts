/** org: the caller's own profile — register, me, bind to a building, elder mode. */
import type { User } from '../../types/domain';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { findRegion } from './region-store';
import { bindBuildingInput, meInput, registerInput, setElderModeInput } from './schemas';
import { setupOpen } from './setup';
import { addUserOnce, loadUser, namesOf, patchUser } from './store';
import { toMe } from './views';

type H = Handlers<'org'>;

export const register: H['register'] = {
  caller: 'openid',
  input: registerInput,
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
    await addUserOnce(user);
    const stored = (await loadUser(openid))!;
    return toMe(stored, await namesOf(stored));
  },
};

export const me: H['me'] = {
  input: meInput,
  async run(_input, { user }) {
    const [names, open] = await Promise.all([namesOf(user), setupOpen()]);
    const profile = toMe(user, names);
    return open ? { ...profile, setupOpen: true as const } : profile;
  },
};

export const bindBuilding: H['bindBuilding'] = {
  input: bindBuildingInput,
  async run({ buildingId }, { user }) {
    const building = await findRegion(buildingId);
    if (!building || building.level !== 'building' || building.archived) throw refuse.notFound('楼栋');
    const communityId = building.path[2];
    await patchUser(user._id, { buildingId, communityId });
    const after = { ...user, buildingId, communityId };
    return toMe(after, await namesOf(after));
  },
};

export const setElderMode: H['setElderMode'] = {
  input: setElderModeInput,
  async run({ elderMode }, { user }) {
    await patchUser(user._id, { elderMode });
    const after = { ...user, elderMode };
    return toMe(after, await namesOf(after));
  },
};
