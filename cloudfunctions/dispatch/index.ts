/** Cloud function `dispatch`: Pillar 1 — demand → triage → dispatch → accept → claim → complete → verify → rate. */
import { createFunction } from '../lib/router';
import { uploadPhoto } from './photos';
import { detail, list } from './read';
import { scorecard } from './scorecard';
import { accept, assign, claim, close, complete, decline, dispatch, escalate, handle, merge, rate, reject, returnVisit, sendBack, verify, withdraw } from './steps';
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
  scorecard,
});

export const main = fn.main;
export const describe = fn.describe;
