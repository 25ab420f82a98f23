import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { HouseholdRecord } from '@/types/admin'

import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import HouseholdForm from './HouseholdForm'
import LineField from '@/components/form/LineField'

const roomOf = (h: HouseholdRecord) => (h.label ? `${h.room}（${h.label}）` : h.room)

/** One household: its room and label, 修改 in place, 归档 after asking. */
function HouseholdRow({ household, onChanged }: { household: HouseholdRecord; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const [room, setRoom] = useState(household.room)
  const [label, setLabel] = useState(household.label ?? '')
  const { busy, error, setError, run } = useAction()
  const save = async () => {
    if (!room.trim()) return setError('请填写房号')
    if (!(await run(() => call('org', 'editHousehold', { id: household._id, room: room.trim(), label: label.trim() })))) return
    setEditing(false)
    onChanged()
  }
  const archive = async () => {
    if (!(await confirmStep('归档住户', `归档后 ${roomOf(household)} 不再显示，也不能再绑定；记录会保留。`, '归档'))) return
    if (await run(() => call('org', 'archiveHousehold', { id: household._id }))) onChanged()
  }
  return (
    <View className='jl-admin-row'>
      <Text className='jl-admin-row__title'>{roomOf(household)}</Text>
      {editing ? (
        <View className='jl-form'>
          <LineField label='房号' value={room} onChange={setRoom} max={20} />
          <LineField label='备注（可不填）' value={label} onChange={setLabel} max={20} placeholder='如 户主姓氏' />
        </View>
      ) : null}
      <FormError message={error} />
      {household.archived ? null : (
        <View className='jl-admin-row__actions'>
          {editing ? (
            <>
              <AtButton size='small' className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
                保存
              </AtButton>
              <AtButton size='small' className='jl-button' disabled={busy} onClick={() => setEditing(false)}>
                取消
              </AtButton>
            </>
          ) : (
            <>
              <AtButton size='small' className='jl-button' onClick={() => setEditing(true)}>
                修改
              </AtButton>
              <AtButton size='small' className='jl-button' disabled={busy} onClick={() => void archive()}>
                归档
              </AtButton>
            </>
          )}
        </View>
      )}
    </View>
  )
}

/** 住户 of a building: the list by room (在册 / 已归档), and 添加住户 below it. */
export default function BuildingHouseholds({ buildingId }: { buildingId: string }) {
  const [shown, setShown] = useState<'active' | 'archived'>('active')
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  const archived = shown === 'archived'
  return (
    <>
      <Section title='住户'>
        <Segments
          items={[
            { key: 'active', title: '在册住户' },
            { key: 'archived', title: '已归档' },
          ]}
          value={shown}
          onChange={(k) => setShown(k as typeof shown)}
        />
        <PagedList
          fetchPage={(page) => call('org', 'listHouseholds', { buildingId, archived, page, pageSize: PAGE_SIZE })}
          idOf={(h) => h._id}
          listKey={`${buildingId}/${shown}`}
          version={version}
          loadingText='正在读取住户…'
          emptyTitle={archived ? '没有已归档的住户' : '还没有住户'}
          emptyDescription={archived ? undefined : '在下面添加住户，或用模板导入组织架构。'}
          count={countIn('户')}
          render={(h) => <HouseholdRow household={h} onChanged={changed} />}
        />
      </Section>
      <HouseholdForm buildingId={buildingId} onAdded={changed} />
    </>
  )
}
