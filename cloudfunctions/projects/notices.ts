/**
 * The project's subscribe messages — 项目已被认领, 收到服务申请, 服务申请已接受 / 已婉拒, 项目已完成请评实效,
 * 项目已评实效 — queued in the step's transaction (lib/outbox) and sent by the notify timer. A message
 * that fails is logged there and never undoes the step; a repeated step queues nothing (it has no facts).
 */
import type { ProjectFact, ProjectNotice } from '../core/project';
import type { Project } from '../../types/projects';
import type { Message, Template } from '../lib/messages';

/** Placeholders, each replaced by its real id from the environment (lib/templates.ts). */
export const PROJECT_TEMPLATES: Record<ProjectNotice, Template> = {
  projectClaimed: { id: 'TPL_PROJECT_CLAIMED', title: '共建项目已被认领' },
  serviceRequested: { id: 'TPL_SERVICE_REQUESTED', title: '收到服务申请' },
  serviceAccepted: { id: 'TPL_SERVICE_DECIDED', title: '服务申请已接受' },
  serviceDeclined: { id: 'TPL_SERVICE_DECIDED', title: '服务申请未能承接' },
  projectCompleted: { id: 'TPL_PROJECT_COMPLETED', title: '共建项目已完成，请评实效' },
  projectRated: { id: 'TPL_PROJECT_RATED', title: '共建项目已评实效' },
};

/** The page a message opens: the project. */
export const PROJECT_PAGE = 'packages/projects/detail/index';

/** The step's messages, written for the queue. */
export function messagesOf(p: Project, facts: ProjectFact[]): Message[] {
  return facts
    .filter((f): f is Extract<ProjectFact, { kind: 'notify' }> => f.kind === 'notify')
    .map((f) => ({
      touser: f.to,
      template: PROJECT_TEMPLATES[f.template],
      page: `${PROJECT_PAGE}?id=${p._id}`,
      data: { thing1: { value: PROJECT_TEMPLATES[f.template].title.slice(0, 20) }, thing2: { value: p.title.slice(0, 20) } },
    }));
}
