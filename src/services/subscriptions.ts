/**
 * Subscribe messages need the person's consent, given by a tap: `wx.requestSubscribeMessage`
 * shown from a tap handler, one message per consent (or always, if they tick 总是保持). The
 * actions below each lead to messages that person will want next, so the service module asks
 * just before sending them; a refusal or a failure never stops the action.
 *
 * The real template ids come from the mini-program console (订阅消息) and are set here at deploy
 * time, as the cloud functions get theirs from their environment (deploy/README.md). While an id
 * is still its placeholder nothing is asked.
 */
import Taro from '@tarojs/taro'

/** Placeholder → the console's template id. PLACEHOLDERS: replace before uploading. */
export const TEMPLATE_IDS: Record<string, string> = {
  TPL_NEW_DISPATCH: 'TPL_NEW_DISPATCH',
  TPL_ACCEPTED: 'TPL_ACCEPTED',
  TPL_REJECTED: 'TPL_REJECTED',
  TPL_CLAIM: 'TPL_CLAIM',
  TPL_SENT_BACK: 'TPL_SENT_BACK',
  TPL_PLEASE_RATE: 'TPL_PLEASE_RATE',
  TPL_RECEIVED: 'TPL_RECEIVED',
  TPL_WORK_DONE: 'TPL_WORK_DONE',
  TPL_ESCALATED: 'TPL_ESCALATED',
  TPL_EXTENSION_ASKED: 'TPL_EXTENSION_ASKED',
  TPL_EXTENSION_DECIDED: 'TPL_EXTENSION_DECIDED',
  TPL_URGED: 'TPL_URGED',
  TPL_SUPERVISED: 'TPL_SUPERVISED',
  TPL_RETURNED: 'TPL_RETURNED',
  TPL_VISIT_DUE: 'TPL_VISIT_DUE',
  TPL_RETURN_VISIT_DUE: 'TPL_RETURN_VISIT_DUE',
  TPL_WISH_APPROVED: 'TPL_WISH_APPROVED',
  TPL_WISH_CLAIMED: 'TPL_WISH_CLAIMED',
  TPL_WISH_FULFILLED: 'TPL_WISH_FULFILLED',
  TPL_PROJECT_CLAIMED: 'TPL_PROJECT_CLAIMED',
  TPL_SERVICE_REQUESTED: 'TPL_SERVICE_REQUESTED',
  TPL_SERVICE_DECIDED: 'TPL_SERVICE_DECIDED',
  TPL_PROJECT_COMPLETED: 'TPL_PROJECT_COMPLETED',
  TPL_PROJECT_RATED: 'TPL_PROJECT_RATED',
  TPL_POST_LOG_VERIFIED: 'TPL_POST_LOG_VERIFIED',
  TPL_POST_LOG_RETURNED: 'TPL_POST_LOG_RETURNED',
  TPL_PLEDGE_RATED: 'TPL_PLEDGE_RATED',
}

/** `function.action` → the messages it leads to for the person taking it (at most 3: WeChat's limit). */
export const SUBSCRIBE_BEFORE: Record<string, string[]> = {
  // The resident: 已受理 (社区自办 or 派单), 已办结, 请评价 (and its reminders) — WeChat's 3 at most.
  'dispatch.submit': ['TPL_RECEIVED', 'TPL_WORK_DONE', 'TPL_PLEASE_RATE'],
  'dispatch.extend': ['TPL_EXTENSION_DECIDED'], // the liaison: the community's decision on the 延期
  'dispatch.dispatch': ['TPL_ACCEPTED', 'TPL_REJECTED'], // staff: the unit accepts or returns it
  'dispatch.accept': ['TPL_NEW_DISPATCH'], // the liaison: the next dispatch
  'dispatch.reject': ['TPL_NEW_DISPATCH'],
  'dispatch.claim': ['TPL_CLAIM', 'TPL_SENT_BACK'], // the member: confirmed, and sent back if it is
  'dispatch.complete': ['TPL_SENT_BACK'],
  'dispatch.escalate': ['TPL_ESCALATED'],
  'visits.recordVisit': ['TPL_VISIT_DUE', 'TPL_RETURN_VISIT_DUE'], // the visitor: the next window
  'wishes.post': ['TPL_WISH_APPROVED', 'TPL_WISH_CLAIMED', 'TPL_WISH_FULFILLED'], // the wisher: on the wall, claimed, delivered
  'projects.publishNeed': ['TPL_PROJECT_CLAIMED', 'TPL_PROJECT_COMPLETED'], // staff: a unit claimed it, it is done
  'projects.request': ['TPL_SERVICE_DECIDED', 'TPL_PROJECT_COMPLETED'], // staff: accepted or declined, done
  'projects.publishService': ['TPL_SERVICE_REQUESTED'], // the liaison: a community asks for it
  'projects.claim': ['TPL_PROJECT_RATED'], // the liaison: the community's 评实效
  'projects.accept': ['TPL_PROJECT_RATED'],
  'posts.logWork': ['TPL_POST_LOG_VERIFIED', 'TPL_POST_LOG_RETURNED'], // the member: the log verified (hours, points) or returned
  'posts.fulfilPledge': ['TPL_PLEDGE_RATED'], // the member: the branch's 评诺 and residents' verdicts
}

/** The configured ids an action should ask for; none while they are placeholders. */
export function templatesFor(fn: string, action: string, ids: Record<string, string> = TEMPLATE_IDS): string[] {
  return (SUBSCRIBE_BEFORE[`${fn}.${action}`] ?? []).map((p) => ids[p]).filter((id) => id && !id.startsWith('TPL_'))
}

/** In WeChat, asks for the action's messages (must run inside the tap); never throws. */
export async function askToSubscribe(fn: string, action: string): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = templatesFor(fn, action)
  if (!tmplIds.length) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
  } catch {
    // Refused, or not from a tap: the action goes ahead without the message.
  }
}
