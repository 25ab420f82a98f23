import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import type { AuditEntry, AuditTargetKind } from '@/types/admin'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { formatTime } from '@/domain/format'
import { call } from '@/services/api'

const KIND_LABEL: Record<AuditTargetKind, string> = {
  setup: '初始化',
  region: '地区',
  household: '住户',
  unit: '单位',
  pairing: '结对',
  role: '角色',
  invitation: '邀请',
  import: '导入',
  export: '导出',
  rules: '规则',
}

/** Actions in the field's words; an unknown one is shown by its name. */
const ACTION_LABEL: Record<string, string> = {
  setup: '初始化',
  addRegion: '新建地区',
  renameRegion: '改名',
  moveRegion: '移动地区',
  archiveRegion: '归档地区',
  addHousehold: '添加住户',
  editHousehold: '修改住户',
  moveHousehold: '移动住户',
  archiveHousehold: '归档住户',
  addUnit: '新建单位',
  editUnit: '编辑单位',
  archiveUnit: '归档单位',
  pairUnit: '结对',
  unpairUnit: '解除结对',
  grantRole: '授予角色',
  revokeRole: '收回角色',
  createInvitation: '生成邀请',
  revokeInvitation: '撤销邀请',
  acceptInvitation: '接受邀请',
  applyImport: '导入',
  export: '导出',
  monthlyReport: '生成月报',
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  return (
    <View className='jl-admin-row jl-audit-row'>
      <Text className='jl-admin-row__title'>
        {ACTION_LABEL[entry.action] ?? entry.action}
        {entry.target.name ? ` · ${entry.target.name}` : ''}
      </Text>
      <Text className='jl-admin-row__sub'>
        {entry.actor.name} · {formatTime(entry.at)} · {KIND_LABEL[entry.target.kind]}
      </Text>
    </View>
  )
}

const KINDS = ['', ...Object.keys(KIND_LABEL)] as ('' | AuditTargetKind)[]

/** The log, filtered by what it is about. */
export default function AuditScreen() {
  const [kind, setKind] = useState<'' | AuditTargetKind>('')
  return (
    <Section title='操作日志'>
      <Segments items={KINDS.map((k) => ({ key: k, title: k ? KIND_LABEL[k] : '全部' }))} value={kind} onChange={(k) => setKind(k as '' | AuditTargetKind)} />
      <PagedList
        listKey={`audit-${kind}`}
        fetchPage={(page) => call('org', 'auditLog', { ...(kind ? { kind } : {}), page, pageSize: 20 })}
        idOf={(e) => e._id}
        loadingText='正在加载操作日志…'
        emptyTitle='还没有操作记录'
        emptyDescription='初始化、地区和单位的修改、授予角色、邀请和导入都会记在这里。'
        count={countIn('条')}
        render={(e) => <EntryRow entry={e} />}
      />
    </Section>
  )
}
