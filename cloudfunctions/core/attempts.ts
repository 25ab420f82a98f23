/**
 * How often one person may try a code (setup code, invitation code): a window opens at the first
 * counted try and lasts `windowMs`; within it at most `limit` tries. Pure: time is passed in.
 */
import { HOUR } from './calendar';

export interface AttemptRule {
  limit: number;
  windowMs: number;
}

/** 5 setup-code tries an hour; 10 wrong invitation codes an hour. */
export const SETUP_ATTEMPTS: AttemptRule = { limit: 5, windowMs: HOUR };
export const INVITATION_ATTEMPTS: AttemptRule = { limit: 10, windowMs: HOUR };

export interface AttemptState {
  windowStart: Date | string;
  count: number;
}

const live = (state: AttemptState | null, now: Date, rule: AttemptRule): state is AttemptState =>
  !!state && now.getTime() - new Date(state.windowStart).getTime() < rule.windowMs;

/** Tries left in the current window. */
export function attemptsLeft(state: AttemptState | null, now: Date, rule: AttemptRule): number {
  return live(state, now, rule) ? Math.max(0, rule.limit - state.count) : rule.limit;
}

/** The state after one more counted try (a new window when the last one has passed). */
export function afterAttempt(state: AttemptState | null, now: Date, rule: AttemptRule): AttemptState {
  return live(state, now, rule) ? { windowStart: state.windowStart, count: state.count + 1 } : { windowStart: now, count: 1 };
}

/** When the caller may try again (the window's end), for the refusal's message. */
export function retryAt(state: AttemptState, rule: AttemptRule): Date {
  return new Date(new Date(state.windowStart).getTime() + rule.windowMs);
}
