/**
 * 邀请 and 楼栋码: the short code, the pages a QR code opens, and whether an invitation can still be
 * accepted. Pure: randomness and time are passed in.
 */
import type { Invitation, InvitationStatus } from '../../types/admin';
import { DAY } from './calendar';

/** 31 characters that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 10 characters: 31^10 ≈ 8·10^14 codes, against 10 wrong tries an hour per person. */
export const CODE_LENGTH = 10;

/** A fresh code from `random` (lib/ids secureRandom: uniform in [0, 1)). */
export function newCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}

/** A typed code as stored: upper case, spaces and dashes people add dropped. */
export const normalizeCode = (typed: string): string => typed.replace(/[\s-]/g, '').toUpperCase();

/** Could this be a code at all? (Anything else is refused without a database read.) */
export const isCodeShaped = (code: string): boolean =>
  code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));

/** The mini-program pages a QR code opens (wxacode.getUnlimited: `page` + `scene` ≤ 32 characters). */
export const INVITATION_PAGE = 'packages/me/join/index';
export const BUILDING_PAGE = 'packages/me/building/index';

/** Longest an invitation may live, and most people one may bring in (a unit's 1,762 在职党员 fit). */
export const MAX_INVITATION_DAYS = 90;
export const MAX_INVITATION_USES = 5000;

export const expiryOf = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY);

export function statusOf(inv: Pick<Invitation, 'revokedAt' | 'expiresAt' | 'uses' | 'maxUses'>, now: Date): InvitationStatus {
  if (inv.revokedAt) return 'revoked';
  if (now.getTime() >= new Date(inv.expiresAt).getTime()) return 'expired';
  if (inv.uses >= inv.maxUses) return 'usedUp';
  return 'active';
}

/** Why an invitation cannot be accepted, in the person's words (null: it can). */
export function refusalOf(status: InvitationStatus): string | null {
  switch (status) {
    case 'revoked':
      return '该邀请已被撤销';
    case 'expired':
      return '该邀请已过期';
    case 'usedUp':
      return '该邀请的名额已用完';
    default:
      return null;
  }
}
