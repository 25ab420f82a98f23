/** Comparing a typed secret with the configured one without leaking, by timing, how much matched. */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export const sameSecret = (typed: string, expected: string): boolean => timingSafeEqual(digest(typed), digest(expected));
