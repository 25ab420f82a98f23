/**
 * org: 初始化 — the one-time setup code (environment variable JINLIN_SETUP_CODE of the `org`
 * function) makes the first registered person who enters it admin. The `setup` document with the
 * fixed id `first-admin` is created in the same transaction, so among racing callers exactly one
 * wins, and the code never works again, even while the variable stays set.
 */
import type { SetupRecord } from '../../types/admin';
import type { RoleGrant, User } from '../../types/domain';
import { SETUP_ATTEMPTS } from '../core/attempts';
import { auditIn } from '../lib/audit';
import { db } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { toMe } from '../lib/people';
import { inTransaction } from '../lib/retry';
import type { Handlers } from '../lib/router';
import { sameSecret } from '../lib/secret';
import { z } from '../lib/validate';
import { countTry } from './attempts';

type H = Handlers<'org'>;

export const SETUP_ID = 'first-admin';

/** Shorter codes are not accepted: guessing one must stay hopeless at 5 tries an hour a person. */
export const MIN_SETUP_CODE_LENGTH = 8;

/**
 * Read at each call (not at load), so a changed variable takes effect without a redeploy. A code
 * too short, or the CLI's placeholder left unfilled (`{{env.JINLIN_SETUP_CODE}}`, when the deployer
 * had no such variable), counts as none.
 */
function configuredCode(): string | null {
  const code = process.env.JINLIN_SETUP_CODE?.trim();
  if (!code || code.length < MIN_SETUP_CODE_LENGTH || code.startsWith('{{')) return null;
  return code;
}

/** Once closed, closed for good: this instance need not ask the database again. */
let closed = false;

const DONE = () => new AppError('INVALID_STATE', '系统已完成初始化，设置码已失效');

/**
 * Is setup still open: a code configured and no admin in the county? One read while it is open;
 * none once this instance has seen it closed, or when no code is configured.
 */
export async function setupOpen(): Promise<boolean> {
  if (closed || !configuredCode()) return false;
  const admins = (await db.collection('users').where({ 'roles.role': 'admin' }).limit(1).field({ _id: true }).get()).data;
  if (admins.length) closed = true;
  return !closed;
}

/**
 * Reads: the caller, whether any admin exists, the caller's tries, then (in the transaction) the
 * setup record and the caller again — five, once in a county's life.
 */
export const setup: H['setup'] = {
  input: z.strictObject({ code: z.string().min(1).max(64) }),
  async run({ code }, { user, now }) {
    const expected = configuredCode();
    if (!expected) throw new AppError('INVALID_STATE', '本环境未配置设置码（至少 8 个字符），无法初始化');
    if (!(await setupOpen())) throw DONE();
    await countTry('setup', user._id, SETUP_ATTEMPTS, now);
    if (!sameSecret(code.trim(), expected)) throw refuse.forbidden('设置码不正确');
    const admin = await inTransaction(
      async (t) => {
        if ((await t.collection('setup').doc(SETUP_ID).get<SetupRecord>()).data) throw DONE();
        const me = (await t.collection('users').doc(user._id).get<User>()).data;
        if (!me) throw refuse.notFound('用户');
        const roles: RoleGrant[] = [...me.roles, { role: 'admin' }];
        const record: Omit<SetupRecord, '_id'> = { openid: me._id, name: me.name, at: now };
        await t.collection('setup').doc(SETUP_ID).set({ data: record });
        await t.collection('users').doc(me._id).update({ data: { roles } });
        await auditIn(
          t,
          {
            actor: { openid: me._id, name: me.name },
            action: 'setup',
            target: { kind: 'setup', id: SETUP_ID, name: '初始化' },
            before: { roles: me.roles },
            after: { roles },
            scope: {},
          },
          now,
        );
        return { ...me, roles };
      },
      { conflictMessage: '正在初始化，请稍后刷新' },
    );
    closed = true;
    return toMe(admin);
  },
};
