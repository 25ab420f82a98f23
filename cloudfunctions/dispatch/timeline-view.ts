/**
 * A demand's timeline as one reader may see it. Those who handle it (its community's staff, its
 * unit's liaison, its claimants) see every event as recorded. Everyone else sees no openid but the
 * system's and their own, and an anonymous submitter is 「匿名居民」 in every event, the first one
 * included. The resident who asked sees organisations, not staff: 「社区」 or the unit's name, and
 * 「您」 for themselves, with only the reasons meant for them.
 */
import type { Demand, TimelineEvent } from '../../types/dispatch';
import type { Actor } from '../core/demand';

export interface TimelineReader {
  /** Handles the demand: the timeline as recorded. */
  mayCall: boolean;
  /** The resident who asked (and does not work on it). */
  residentView: boolean;
  /** The submitter is anonymous to this reader. */
  hideSubmitter: boolean;
  /** Names of the units the demand concerns. */
  unitNames: Record<string, string>;
}

/** Steps a unit or its members take; every other step is the community's. */
const UNIT_STEPS = new Set<string>(['accept', 'reject', 'assign', 'claim', 'withdraw']);

/** The reasons a resident is told: the refusal, how the community handles it, their own words, the closing note, the 回访. */
const RESIDENT_REASONS = new Set<string>(['decline', 'handle', 'rate', 'close', 'returnVisit']);

function organisation(e: TimelineEvent, d: Demand, unitNames: Record<string, string>): string {
  if (e.actor === 'system') return '系统';
  const unit = (d.dispatch?.unitId && unitNames[d.dispatch.unitId]) || '结对单位';
  if (UNIT_STEPS.has(e.event)) return unit;
  // 办结 by members of the unit, or by the community that handled it itself.
  if (e.event === 'complete') return e.from === 'handling' ? '社区' : unit;
  return '社区';
}

export function timelineFor(d: Demand, reader: Actor, r: TimelineReader): TimelineEvent[] {
  if (r.mayCall) return d.timeline;
  return d.timeline.map((e) => {
    const bySubmitter = e.actor === d.submitter.openid;
    // Openids only of the system and of the reader themselves.
    const out: TimelineEvent = { ...e, actor: e.actor === 'system' || e.actor === reader.openid ? e.actor : '' };
    if (bySubmitter && r.hideSubmitter) out.actorName = '匿名居民';
    if (r.residentView) {
      out.actorName = e.actor === reader.openid ? '您' : organisation(e, d, r.unitNames);
      if (!RESIDENT_REASONS.has(e.event)) delete out.reason;
    }
    return out;
  });
}
