/** org: the one shape of a back-office edit's save — the document set and its audit entry in one transaction. */
import { auditIn, type AuditDraft } from '../lib/audit';
import { isDuplicateWrite } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { inTransaction } from '../lib/retry';

/**
 * Sets `doc` in `collection` and appends `draft` to the audit log, in one transaction. A unique
 * index hit is a CONFLICT with `duplicate` as its message, when one is given.
 */
export async function setAudited<T extends { _id: string }>(collection: string, doc: T, draft: AuditDraft, now: Date, duplicate?: string): Promise<T> {
  try {
    await inTransaction(async (t) => {
      const { _id, ...data } = doc;
      await t.collection(collection).doc(_id).set({ data });
      await auditIn(t, draft, now);
    });
  } catch (e) {
    if (duplicate !== undefined && isDuplicateWrite(e)) throw refuse.conflict(duplicate);
    throw e;
  }
  return doc;
}
