/**
 * The audit log's one writer (操作日志, collection `auditLog`): every back-office act appends an
 * entry — in the same transaction as the change where there is one, so an act is never recorded
 * without happening or the other way round.
 */
import type { AuditEntry } from '../../types/admin';
import { db } from './cloud';
import type { Transaction } from './database';
import { newId } from './ids';

export const AUDIT = 'auditLog';

export type AuditDraft = Omit<AuditEntry, '_id' | 'at'>;

function entry(draft: AuditDraft, now: Date): AuditEntry {
  return { _id: newId(), at: now, ...draft };
}

/** Appends an entry outside a transaction (a change that is one single-document write). */
export async function audit(draft: AuditDraft, now: Date): Promise<void> {
  const { _id, ...data } = entry(draft, now);
  await db.collection(AUDIT).doc(_id).set({ data });
}

/** Appends an entry inside the transaction that makes the change. */
export async function auditIn(t: Transaction, draft: AuditDraft, now: Date): Promise<void> {
  const { _id, ...data } = entry(draft, now);
  await t.collection(AUDIT).doc(_id).set({ data });
}
