/**
 * The wisher's subscribe messages — 心愿已上墙, 心愿已被认领, 心愿已送达请确认 — queued in the step's
 * transaction (lib/outbox) and sent by the notify timer. A message that fails is logged there and
 * never undoes the step; a repeated step queues nothing (it has no facts).
 */
import type { WishFact, WishNotice } from '../core/wish';
import type { Wish } from '../../types/wishes';
import type { Message, Template } from '../lib/messages';

/** Placeholders, each replaced by its real id from the environment (lib/templates.ts). */
export const WISH_TEMPLATES: Record<WishNotice, Template> = {
  wishApproved: { id: 'TPL_WISH_APPROVED', title: '心愿已上墙' },
  wishClaimed: { id: 'TPL_WISH_CLAIMED', title: '心愿已被认领' },
  wishFulfilled: { id: 'TPL_WISH_FULFILLED', title: '心愿已送达，请确认' },
};

/** The page a message opens: the wisher's own list, where 确认收到 is. */
export const WISH_PAGE = 'packages/wishes/mine/index';

/** The step's messages, written for the queue. */
export function messagesOf(w: Wish, facts: WishFact[]): Message[] {
  return facts
    .filter((f): f is Extract<WishFact, { kind: 'notify' }> => f.kind === 'notify')
    .map((f) => ({
      touser: f.to,
      template: WISH_TEMPLATES[f.template],
      page: `${WISH_PAGE}?id=${w._id}`,
      data: { thing1: { value: WISH_TEMPLATES[f.template].title }, thing2: { value: w.title.slice(0, 20) } },
    }));
}
