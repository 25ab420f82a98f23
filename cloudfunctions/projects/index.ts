/** Cloud function `projects`: 共建项目 — the 需求清单 and 服务清单, 双向认领, progress, completion, 评实效, the 共建计划 and 认领、完成. */
import { createFunction } from '../lib/router';
import { publishNeed, publishService, request, withdrawService } from './publishing';
import { counts, detail, list, services } from './read';
import { accept, claim, complete, decline, join, progress, rate, withdraw } from './steps';

const fn = createFunction('projects', {
  publishNeed,
  withdraw,
  claim,
  publishService,
  withdrawService,
  request,
  accept,
  decline,
  join,
  progress,
  complete,
  rate,
  detail,
  list,
  services,
  counts,
});

export const main = fn.main;
export const describe = fn.describe;
