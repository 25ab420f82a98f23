/** Cloud function `dispatch`: Pillar 1 — demand → triage → dispatch → accept → claim → complete → verify → rate. */
import { applyMediaVerdict, isMediaCheckEvent } from '../lib/photo-checks';
import { createFunction } from '../lib/router';
import { uploadPhoto } from './photos';
import { detail, list } from './read';
import { scorecard } from './scorecard';
import { queueCountsAction, reconcileQueues } from './queues';
import { accept, approveExtension, assign, claim, close, complete, decline, dispatch, escalate, extend, handle, merge, rate, redispatch, refuseExtension, reject, returnVisit, sendBack, supervise, urge, verify, withdraw } from './steps';
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
  redispatch,
  queueCounts: queueCountsAction,
  reconcileQueues,
  scorecard,
}, {
  limits: { submit: 'create', uploadPhoto: 'photo' },
});

/**
 * WeChat's 消息推送 delivers image verdicts (`wxa_media_check`) here; everything else is an action.
 * The verdict names its photo by a trace id no client ever sees (lib/photo-checks.ts).
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isMediaCheckEvent(event)) return { ok: true, data: await applyMediaVerdict(event, new Date()) };
  return fn.main(event);
}
export const describe = fn.describe;
