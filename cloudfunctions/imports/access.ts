/** Only the county admin imports: an import writes the whole county's organisation. */
import type { Actor } from '../core/actor';
import { isAdmin } from '../core/actor';
import { refuse } from '../lib/errors';

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor.roles)) throw refuse.forbidden('只有县委组织部可以导入组织架构');
}
