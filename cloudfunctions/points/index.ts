/** Cloud function `points`: Pillar 2 — the ledger, activities, 双报到, the catalogue and redemptions, leaderboards, 双认双评. */
import { createFunction } from '../lib/router';
import { account, award, ledger, reverse, rules, setRules } from './account';
import { cancelActivity, createActivity, detail, listActivities } from './activities';
import { leaderboard, memberProfile, reviewMember } from './boards';
import { createItem, listItems, redeem, updateItem } from './catalogue';
import { checkIn, compliance } from './checkins';
import { creditDemand } from './credit';
import { reconcile } from './reconcile';
import { cancelRedemption, fulfil, listRedemptions, lookupRedemption } from './redemptions';
import { activityCheckIn, activityCheckOut, approveHours, cancelSignup, resolveCheckOut, signUp } from './signups';

const fn = createFunction('points', {
  account,
  ledger,
  award,
  reverse,
  creditDemand,
  reconcile,
  rules,
  setRules,
  createActivity,
  cancelActivity,
  listActivities,
  activityDetail: detail,
  signUp,
  cancelSignup,
  activityCheckIn,
  activityCheckOut,
  resolveCheckOut,
  approveHours,
  checkIn,
  compliance,
  createItem,
  updateItem,
  listItems,
  redeem,
  lookupRedemption,
  fulfil,
  cancelRedemption,
  listRedemptions,
  leaderboard,
  memberProfile,
  reviewMember,
}, {
  limits: {
    award: 'create',
    createActivity: 'create',
    createItem: 'create',
    redeem: 'create',
    activityCheckIn: 'code',
    activityCheckOut: 'code',
    lookupRedemption: 'counter',
    fulfil: 'counter',
  },
});

export const main = fn.main;
export const describe = fn.describe;
