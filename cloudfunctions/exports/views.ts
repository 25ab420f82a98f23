/** What the owner (or a pack's reader) sees of an export job: never its scope, parts or file id. */
import type { ExportView } from '../../types/exports';
import type { ExportJob } from './store';

export function toView(job: ExportJob & { busy?: boolean }): ExportView {
  return {
    _id: job._id,
    kind: job.kind,
    title: job.title,
    status: job.status,
    done: job.done,
    total: Math.max(job.total, 0),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    fileName: job.fileName,
    ...(job.error ? { error: job.error } : {}),
    ...(job.pack ? { pack: { month: job.pack.month, level: job.pack.level } } : {}),
    ...(job.busy ? { busy: true } : {}),
  };
}
