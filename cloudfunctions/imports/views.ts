/** What the admin sees of an import job: its report and its progress (no lease, no row numbers list). */
import type { ImportJob, ImportProgress, ImportReport } from '../../types/imports';

export function reportOf(job: ImportJob): ImportReport {
  return {
    importId: job._id,
    status: job.status,
    planned: job.planned,
    badRows: job.badRows,
    badRowsOmitted: job.badRowsOmitted,
    total: job.total,
    done: job.done,
    applied: job.applied,
    failures: job.failures,
    calls: job.calls,
  };
}

export function progressOf(job: ImportJob, busy = false): ImportProgress {
  return {
    importId: job._id,
    done: job.done,
    total: job.total,
    finished: job.status === 'finished',
    busy,
    applied: job.applied,
    failures: job.failures,
    calls: job.calls,
  };
}
