/** Pure rules of the back office's codes and lists: attempt windows, invitation codes and states, read scopes. */
import { afterAttempt, attemptsLeft, INVITATION_ATTEMPTS, SETUP_ATTEMPTS } from '../../cloudfunctions/core/attempts';
import { readScope } from '../../cloudfunctions/core/admin-scope';
import { HOUR, MINUTE } from '../../cloudfunctions/core/calendar';
import { CODE_ALPHABET, CODE_LENGTH, isCodeShaped, newCode, normalizeCode, refusalOf, statusOf } from '../../cloudfunctions/core/invitations';
import type { RoleGrant } from '../../types/domain';

const T0 = new Date('2026-11-20T10:00:00+08:00');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('attempts: a window of an hour from the first try', () => {
  test('five setup tries, then none until the window has passed', () => {
    let state = null as ReturnType<typeof afterAttempt> | null;
    for (let i = 0; i < 5; i++) {
      expect(attemptsLeft(state, at(i * MINUTE), SETUP_ATTEMPTS)).toBe(5 - i);
      state = afterAttempt(state, at(i * MINUTE), SETUP_ATTEMPTS);
    }
    expect(attemptsLeft(state, at(59 * MINUTE), SETUP_ATTEMPTS)).toBe(0);
    expect(attemptsLeft(state, at(HOUR), SETUP_ATTEMPTS)).toBe(5);
    expect(afterAttempt(state, at(HOUR), SETUP_ATTEMPTS)).toEqual({ windowStart: at(HOUR), count: 1 });
  });

  test('invitations allow ten wrong codes an hour', () => {
    expect(attemptsLeft({ windowStart: T0, count: 9 }, at(MINUTE), INVITATION_ATTEMPTS)).toBe(1);
    expect(attemptsLeft({ windowStart: T0, count: 10 }, at(MINUTE), INVITATION_ATTEMPTS)).toBe(0);
  });
});

describe('invitation codes', () => {
  test('31 unambiguous characters; codes of 10 from the random source', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    const seq = [0, 0.999999, 0.5, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8];
    let i = 0;
    const code = newCode(() => seq[i++]);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code[0]).toBe('A');
    expect(code[1]).toBe('9');
    expect(isCodeShaped(code)).toBe(true);
  });

  test('typed codes: case, spaces and dashes do not matter; anything else is not a code', () => {
    expect(normalizeCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(isCodeShaped('ABCDEFGHJK')).toBe(true);
    expect(isCodeShaped('ABCDEFGHJI')).toBe(false);
    expect(isCodeShaped('ABCDEFGHJ')).toBe(false);
  });

  test.each<[string, { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number }, string, boolean]>([
    ['fresh', { revokedAt: null, expiresAt: at(HOUR), uses: 0, maxUses: 2 }, 'active', true],
    ['one use left', { revokedAt: null, expiresAt: at(HOUR), uses: 1, maxUses: 2 }, 'active', true],
    ['used up', { revokedAt: null, expiresAt: at(HOUR), uses: 2, maxUses: 2 }, 'usedUp', false],
    ['expired this instant', { revokedAt: null, expiresAt: T0, uses: 0, maxUses: 2 }, 'expired', false],
    ['revoked (even if also expired)', { revokedAt: T0, expiresAt: at(-HOUR), uses: 0, maxUses: 2 }, 'revoked', false],
  ])('%s → %s', (_label, inv, status, acceptable) => {
    expect(statusOf(inv, T0)).toBe(status);
    expect(refusalOf(statusOf(inv, T0)) === null).toBe(acceptable);
  });
});

describe('readScope', () => {
  const admin: RoleGrant[] = [{ role: 'admin' }];
  const none = { communities: [], units: [] };
  test.each<[string, RoleGrant[], { communityId?: string; unitId?: string }, { communities: string[]; units: string[] }, unknown]>([
    ['admin, nothing asked → all', admin, {}, none, { scope: { all: true } }],
    ['admin, a community → it', admin, { communityId: 'c' }, none, { scope: { communityId: 'c' } }],
    ['one community of their own → it', [], {}, { communities: ['c'], units: [] }, { scope: { communityId: 'c' } }],
    ['one unit of their own → it', [], {}, { communities: [], units: ['u'] }, { scope: { unitId: 'u' } }],
    ['their own community asked → it', [], { communityId: 'c' }, { communities: ['c'], units: ['u'] }, { scope: { communityId: 'c' } }],
    ['another community asked → forbidden', [], { communityId: 'x' }, { communities: ['c'], units: [] }, { refused: 'forbidden' }],
    ['another unit asked → forbidden', [], { unitId: 'x' }, { communities: [], units: ['u'] }, { refused: 'forbidden' }],
    ['a community and a unit, nothing asked → ambiguous', [], {}, { communities: ['c'], units: ['u'] }, { refused: 'ambiguous' }],
    ['nothing of their own → forbidden', [], {}, none, { refused: 'forbidden' }],
  ])('%s', (_label, roles, requested, own, expected) => {
    expect(readScope(roles, requested, own)).toEqual(expected);
  });
});
