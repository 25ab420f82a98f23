/** Cloud function `org`: organisation and identity. A thin router; the handlers live beside it. */
import { createFunction } from '../lib/router';
import { bindBuilding, me, register, setElderMode } from './profile';
import { listUnits, pairUnit, regionTree, unpairUnit } from './regions';
import { grantRole, listUsers, revokeRole } from './roles';

const fn = createFunction('org', {
  register,
  me,
  regionTree,
  listUnits,
  pairUnit,
  unpairUnit,
  grantRole,
  revokeRole,
  listUsers,
  bindBuilding,
  setElderMode,
});

export const main = fn.main;
export const describe = fn.describe;
