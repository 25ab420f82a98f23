/** Cloud function `org`: organisation, identity and the back office (管理). A thin router; the handlers live beside it. */
import { createFunction } from '../lib/router';
import { auditLog } from './audit-log';
import { buildingPoster, previewBuilding } from './buildings';
import { addHousehold, archiveHousehold, editHousehold, listHouseholds, moveHousehold } from './households';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './invitations';
import { searchPeople } from './people';
import { bindBuilding, me, register, setElderMode } from './profile';
import { addRegion, archiveRegion, moveRegion, renameRegion } from './region-edits';
import { listUnits, regionTree } from './regions';
import { grantRole, listUsers, revokeRole } from './roles';
import { setup } from './setup';
import { addUnit, archiveUnit, editUnit, pairUnit, unpairUnit } from './units';

const fn = createFunction('org', {
  register,
  me,
  setup,
  regionTree,
  listUnits,
  pairUnit,
  unpairUnit,
  grantRole,
  revokeRole,
  listUsers,
  bindBuilding,
  setElderMode,
  searchPeople,
  addRegion,
  renameRegion,
  moveRegion,
  archiveRegion,
  addHousehold,
  listHouseholds,
  editHousehold,
  moveHousehold,
  archiveHousehold,
  addUnit,
  editUnit,
  archiveUnit,
  createInvitation,
  previewInvitation,
  acceptInvitation,
  listInvitations,
  revokeInvitation,
  buildingPoster,
  previewBuilding,
  auditLog,
}, {
  limits: {
    setup: 'code',
    previewInvitation: 'code',
    acceptInvitation: 'code',
    previewBuilding: 'code',
    bindBuilding: 'code',
    searchPeople: 'counter',
    createInvitation: 'create',
    addRegion: 'backOffice',
    addHousehold: 'backOffice',
    addUnit: 'backOffice',
  },
});

export const main = fn.main;
export const describe = fn.describe;
