import type { Me } from '@/types/domain'

/** Where the caller's back office reaches: everything (admin), one community (secretary) or one unit (liaison). */
export interface AdminScope {
  admin: boolean
  communityId?: string
  unitId?: string
}

export function adminScope(me: Me): AdminScope | null {
  if (me.roles.some((g) => g.role === 'admin')) return { admin: true }
  const secretary = me.roles.find((g) => g.role === 'secretary' && g.communityId)
  if (secretary) return { admin: false, communityId: secretary.communityId }
  const liaison = me.roles.find((g) => g.role === 'liaison' && g.unitId)
  if (liaison) return { admin: false, unitId: liaison.unitId }
  return null
}

/** Reads again on the pages that show what a back-office step changed. */
export const ADMIN_CHANGED = 'admin:changed'
