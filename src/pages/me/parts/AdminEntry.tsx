import type { Me } from '@/types/domain'

import LinkList from '@/components/LinkList'
import Section from '@/components/Section'
import { hasAnyRole } from '@/domain/roles'

/** 管理 (the back office, for the admin and, within their scope, secretaries and liaisons), and 接受邀请 for everyone. */
export default function AdminEntry({ me }: { me: Me | null }) {
  const join = { title: '接受邀请', subtitle: '输入别人给您的邀请码', url: '/packages/me/join/index' }
  const items = me && hasAnyRole(me, 'admin', 'secretary', 'liaison')
    ? [{ title: '管理', subtitle: hasAnyRole(me, 'admin') ? '地区、单位、人员、邀请、楼栋码、导入、操作日志' : '人员、邀请、操作日志', url: '/packages/admin/index/index' }, join]
    : [join]
  return (
    <Section>
      <LinkList items={items} />
    </Section>
  )
}
