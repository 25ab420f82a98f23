/**
 * Cloud function `points`: Pillar 2 — the ledger, activities, 双报到, the catalogue and redemptions,
 * leaderboards, 双认双评. Also runs on a timer trigger (no caller) to fold the leaderboard
 * increments posts left pending (lib/tallies.ts).
 */
import { isTimerTrigger } from '../lib/cloud';
import { createFunction } from '../lib/router';
import { foldPending } from '../lib/tallies';
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

/** Only the platform's timer trigger folds; from anyone else the event is an ordinary, unknown action. */
function isTimer(event: Record<string, unknown>): boolean {
  return event?.Type === 'Timer' && isTimerTrigger();
}

export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimer(event)) return { ok: true, data: await foldPending() };
  return fn.main(event);
}
export const describe = fn.describe;
