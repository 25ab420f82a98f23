/**
 * The member's subscribe messages — 服务记录已验收 / 已退回, 承诺已评价 — queued in the step's
 * transaction (lib/outbox) and sent by the notify timer; a message that fails never undoes the
 * step, and a repeated step has no facts and queues nothing.
 */
import type { Message, Template } from '../lib/messages';

export type PostNotice = 'postLogVerified' | 'postLogReturned' | 'pledgeRated';

/** Placeholders, each replaced by its real id from the environment (lib/templates.ts). */
export const POST_TEMPLATES: Record<PostNotice, Template> = {
  postLogVerified: { id: 'TPL_POST_LOG_VERIFIED', title: '服务记录已验收' },
  postLogReturned: { id: 'TPL_POST_LOG_RETURNED', title: '服务记录被退回' },
  pledgeRated: { id: 'TPL_PLEDGE_RATED', title: '您的承诺有了新评价' },
};

export const LOGS_PAGE = 'packages/posts/logs/index';
export const PLEDGES_PAGE = 'packages/posts/pledges/index';

/** The step's messages, written for the queue. */
export function messagesOf(facts: { kind: string; to?: string; template?: PostNotice }[], subject: string, page: string): Message[] {
  return facts
    .filter((f): f is { kind: 'notify'; to: string; template: PostNotice } => f.kind === 'notify' && !!f.to && !!f.template)
    .map((f) => ({ touser: f.to, template: POST_TEMPLATES[f.template], page, data: { thing1: { value: POST_TEMPLATES[f.template].title }, thing2: { value: subject.slice(0, 20) } } }));
}
