import LinkList, { type LinkItem } from '@/components/LinkList'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { POST_ROUTES } from '@/domain/posts'
import { STATS_ROUTES } from '@/domain/stats'
import AdminGate from '../components/AdminGate'
import '../components/admin.scss'

const ADMIN: LinkItem[] = [
  { title: '地区', subtitle: '县、镇街、社区、小区、楼栋', url: '/packages/admin/regions/index' },
  { title: '单位', subtitle: '县直单位与结对社区', url: '/packages/admin/units/index' },
  { title: '人员', subtitle: '按姓名或手机号查找，授予或收回角色', url: '/packages/admin/people/index' },
  { title: '邀请', subtitle: '生成邀请码，扫码即得角色', url: '/packages/admin/invite/index' },
  { title: '楼栋码', subtitle: '打印每栋楼的二维码', url: '/packages/admin/poster/index' },
  { title: '导入', subtitle: '用模板导入组织架构', url: '/packages/admin/import/index' },
  { title: '操作日志', subtitle: '谁在何时做了什么', url: '/packages/admin/audit/index' },
  { title: '年度任务', subtitle: '在职党员每年的服务时长、双报到、调研、协助解决难题', url: POST_ROUTES.dutyRules },
  { title: '统计看板', subtitle: '各镇街、社区、单位三率排名，近12个月走势，点数字看明细', url: STATS_ROUTES.dashboard() },
  { title: '导出与月报', subtitle: '三率、诉求、服务时长等导出为 Excel；每月月报', url: '/packages/exports/index/index' },
]

/** 管理: the admin's whole back office; a secretary's and a liaison's within their community or unit. */
export default function AdminPage() {
  return (
    <Page>
      <AdminGate>
        {(_me, scope) => {
          const keep = scope.admin ? null : new Set(scope.communityId ? ['地区', '人员', '邀请', '楼栋码', '操作日志', '导出与月报'] : ['人员', '邀请', '操作日志', '导出与月报'])
          return (
            <Section title='管理'>
              <LinkList items={keep ? ADMIN.filter((l) => keep.has(l.title)) : ADMIN} />
            </Section>
          )
        }}
      </AdminGate>
    </Page>
  )
}
