import type { ReactNode } from 'react'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import { EmptyState } from '@/components/States'
import { adminScope, type AdminScope } from './scope'

/** The back office's pages: the caller once known, with where their back office reaches. */
export default function AdminGate({ children, adminOnly }: { children: (me: Me, scope: AdminScope) => ReactNode; adminOnly?: boolean }) {
  return (
    <IdentityGate>
      {(me) => {
        const scope = adminScope(me)
        if (!scope || (adminOnly && !scope.admin))
          return <EmptyState title={adminOnly ? '只有县委组织部管理员可以使用' : '只有管理员、书记和单位联络员可以使用'} description='如需权限，请联系县委组织部。' />
        return children(me, scope)
      }}
    </IdentityGate>
  )
}
