/**
 * org: 初始化 — the one-time setup code (environment variable JINLIN_SETUP_CODE of the `org`
 * function) makes the first registered person who enters it admin. The `setup` document with the
 * fixed id `first-admin` is created in the same transaction (store.ts), so among racing callers
 * exactly one wins, and the code never works again, even while the variable stays set.
 */
import { SETUP_ATTEMPTS } from '../core/attempts';
import { AppError, refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { sameSecret } from '../lib/secret';
import { countTry } from './attempt-store';
import { setupInput } from './schemas';
import { anyAdmin, namesOf, saveFirstAdmin } from './store';
import { toMe } from './views';

type H = Handlers<'org'>;

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
  if (await anyAdmin()) closed = true;
  return !closed;
}

/**
 * Reads: the caller, whether any admin exists, the caller's tries, then (in the transaction) the
 * setup record and the caller again — five, once in a county's life.
 */
export const setup: H['setup'] = {
  input: setupInput,
  async run({ code }, { user, now }) {
    const expected = configuredCode();
    if (!expected) throw new AppError('INVALID_STATE', '本环境未配置设置码（至少 8 个字符），无法初始化');
    if (!(await setupOpen())) throw DONE();
    await countTry('setup', user._id, SETUP_ATTEMPTS, now);
    if (!sameSecret(code.trim(), expected)) throw refuse.forbidden('设置码不正确');
    const admin = await saveFirstAdmin(user._id, now);
    if (!admin) throw DONE();
    closed = true;
    return toMe(admin, await namesOf(admin));
  },
};
