/** Cloud function `dispatch`: Pillar 1 — demand → triage → dispatch → accept → claim → complete → verify → rate. */
import { createFunction } from '../lib/router';
import { uploadPhoto } from './photos';
import { detail, list } from './read';
import { scorecard } from './scorecard';
import { accept, approveExtension, assign, claim, close, complete, decline, dispatch, escalate, extend, handle, merge, rate, refuseExtension, reject, returnVisit, sendBack, supervise, urge, verify, withdraw } from './steps';
import { submit } from './submit';

const fn = createFunction('dispatch', {
  submit,
  uploadPhoto,
  list,
  detail,
  handle,
  dispatch,
  merge,
  decline,
  accept,
  reject,
  assign,
  claim,
  withdraw,
  complete,
  verify,
  sendBack,
  rate,
  returnVisit,
  escalate,
  close,
  extend,
  approveExtension,
  refuseExtension,
  urge,
  supervise,
  scorecard,
});

export const main = fn.main;
export const describe = fn.describe;
