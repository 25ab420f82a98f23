/**
 * Photos and their content verdicts (collection `photoChecks`, `_id` = the trace id of
 * `security.mediaCheckAsync`). The rule: a photo is stored and usable at once — it is seen only by
 * the closed circle of its demand or visit (the community's staff, the unit it went to, the
 * household's visitors), never publicly — and WeChat's verdict, pushed later as a `wxa_media_check`
 * event, decides its fate: `pass` keeps it; anything else (`risky`, `review`) deletes the file from
 * storage, so it disappears from every page that showed it (a missing file has no temporary URL
 * and views show no link), and the check keeps who uploaded it and when.
 *
 * The trace id is the event's only credential: it is never returned to a client, and a verdict
 * applies only to a check still pending, so a forged or repeated event changes nothing.
 */
import { db } from './cloud';
import { requestImageCheck } from './content';
import { remove } from './storage';

const PHOTO_CHECKS = 'photoChecks';

export type PhotoCheckStatus = 'pending' | 'passed' | 'rejected';

export interface PhotoCheck {
  _id: string;
  fileID: string;
  openid: string;
  status: PhotoCheckStatus;
  requestedAt: Date;
  decidedAt?: Date;
  suggest?: string;
}

/** The verdict as WeChat pushes it (v2), as far as it is read. */
export interface MediaCheckEvent {
  Event: 'wxa_media_check';
  trace_id: string;
  result?: { suggest?: string; label?: number | string };
}

/** True for a `wxa_media_check` push: the shape only; the trace id is checked against the store. */
export function isMediaCheckEvent(event: unknown): event is MediaCheckEvent {
  const e = event as Partial<MediaCheckEvent> | null;
  return !!e && e.Event === 'wxa_media_check' && typeof e.trace_id === 'string' && /^[\w-]{1,128}$/.test(e.trace_id);
}

/** Sends a stored photo to the image check and records it as pending (one write). */
export async function holdPhoto(fileID: string, url: string, openid: string, now: Date): Promise<void> {
  const traceId = await requestImageCheck(openid, url);
  await db.collection(PHOTO_CHECKS).add({ data: { _id: traceId, fileID, openid, status: 'pending', requestedAt: now } });
}

/** Applies a pushed verdict once (a read and a compare-and-set; a rejected photo is deleted). */
export async function applyMediaVerdict(event: MediaCheckEvent, now: Date): Promise<{ status: PhotoCheckStatus | 'unknown' }> {
  const checks = db.collection(PHOTO_CHECKS);
  const check = (await checks.doc(event.trace_id).get<PhotoCheck>()).data;
  if (!check) return { status: 'unknown' };
  if (check.status !== 'pending') return { status: check.status };
  const suggest = String(event.result?.suggest ?? '');
  const status: PhotoCheckStatus = suggest === 'pass' ? 'passed' : 'rejected';
  const saved = await checks.where({ _id: check._id, status: 'pending' }).update({ data: { status, suggest, decidedAt: now } });
  if (saved.stats.updated === 1 && status === 'rejected') await remove(check.fileID);
  return { status };
}

