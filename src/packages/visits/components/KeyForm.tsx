import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me, RegionNode } from '@/types/domain'
import type { BuildingHousehold, KeyHouseholdDetail, KeyHouseholdFields } from '@/types/visits'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { confirmStep } from '@/components/form/confirmStep'
import { workCommunities } from '@/domain/visits'
import { call } from '@/services/api'
import KeyFields, { keyProblems } from './KeyFields'
import { announceHousehold, useHousehold } from './useHousehold'

const EMPTY: KeyHouseholdFields = { categories: [], careLevel: 'weekly', contactName: '', contactPhone: '', notes: '' }

/** The fields, the error line and 保存, for marking or for updating. */
function FieldsForm({ initial, title, confirm, save }: { initial: KeyHouseholdFields; title: string; confirm: string; save: (v: KeyHouseholdFields) => Promise<KeyHouseholdDetail> }) {
  const [value, setValue] = useState(initial)
  const { busy, error, setError, run } = useAction()
  const submit = async () => {
    const problems = keyProblems(value)
    setError(problems.join('；'))
    if (problems.length) return
    if (!(await confirmStep(title, confirm, '保存'))) return
    const detail = await run(() => save({ ...value, contactName: value.contactName.trim(), contactPhone: value.contactPhone.trim(), notes: (value.notes ?? '').trim() }))
    if (!detail) return
    announceHousehold(detail.householdId, detail)
    void Taro.showToast({ title: '已保存', icon: 'none' })
    void Taro.navigateBack()
  }
  return (
    <>
      <KeyFields value={value} onChange={setValue} disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        保存
      </AtButton>
    </>
  )
}

/** 修改重点户信息: the current fields (the sensitive part included, since this reader may see it). */
function UpdateKey({ id }: { id: string }) {
  const { state, reload } = useHousehold(id, { follow: false })
  if (state.status === 'loading') return <Loading text='正在加载重点户…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  if (!d.allowedActions.includes('updateKey') || !d.care) return <EmptyState title='不能修改这户的信息' description='本社区的社区工作者、网格员和书记可以修改重点户信息。' />
  const initial: KeyHouseholdFields = { categories: d.care.categories, careLevel: d.careLevel, contactName: d.contactName, contactPhone: d.care.contactPhone, notes: d.care.notes }
  return (
    <View className='jl-form'>
      <Text className='jl-page__lead'>{d.address}</Text>
      <FieldsForm initial={initial} title='修改重点户信息' confirm='确认保存修改？走访时间会按新的走访频次重新计算。' save={(v) => call('visits', 'updateKey', { householdId: id, ...v })} />
    </View>
  )
}

/** The buildings under a community, in tree order (a building's name already says its estate). */
function buildingsOf(nodes: RegionNode[], into: { id: string; name: string }[] = []) {
  for (const n of nodes) {
    if (n.level === 'building') into.push({ id: n._id, name: n.name })
    else buildingsOf(n.children, into)
  }
  return into
}

/** 标记重点户: the building, then the household, then its fields. */
function MarkKey({ communityId }: { communityId: string }) {
  const buildings = useLoad(async () => buildingsOf(await call('org', 'regionTree', { rootId: communityId })), communityId)
  const [building, setBuilding] = useState<string | null>(null)
  const households = useLoad<BuildingHousehold[] | null>(() => (building ? call('visits', 'buildingHouseholds', { buildingId: building }) : Promise.resolve(null)), building ?? '')
  const [household, setHousehold] = useState<BuildingHousehold | null>(null)

  const chooseBuilding = (id: string) => {
    setBuilding(id)
    setHousehold(null)
  }

  if (buildings.state.status === 'loading') return <Loading text='正在加载楼栋…' />
  if (buildings.state.status === 'error') return <ErrorState message={buildings.state.message} onRetry={() => void buildings.reload()} />
  const list = households.state
  return (
    <View className='jl-form'>
      <Section title='1. 哪栋楼'>
        <ChoiceList selectedKey={building} onChoose={chooseBuilding} choices={buildings.state.data.map((b) => ({ key: b.id, title: b.name }))} />
      </Section>
      {building ? (
        <Section title='2. 哪一户'>
          {list.status === 'loading' ? <Loading text='正在加载住户…' /> : null}
          {list.status === 'error' ? <ErrorState message={list.message} onRetry={() => void households.reload()} /> : null}
          {list.status === 'ready' && list.data ? (
            list.data.length ? (
              <ChoiceList
                selectedKey={household?.householdId ?? null}
                onChoose={(k) => setHousehold(list.data?.find((h) => h.householdId === k) ?? null)}
                choices={list.data.map((h) => ({ key: h.householdId, title: h.room, subtitle: h.isKey ? '已是重点户：保存会更新它的信息' : h.address }))}
              />
            ) : (
              <EmptyState title='这栋楼还没有登记住户' />
            )
          ) : null}
        </Section>
      ) : null}
      {household ? (
        <FieldsForm
          key={household.householdId}
          initial={EMPTY}
          title='标记重点户'
          confirm={`确认把 ${household.address} 标记为重点户？之后请为这户安排包户。`}
          save={(v) => call('visits', 'markKey', { householdId: household.householdId, ...v })}
        />
      ) : null}
    </View>
  )
}

/** 标记重点户 (no id) or 修改重点户信息 (?id=). */
export default function KeyForm({ me, id }: { me: Me; id: string }) {
  if (id) return <UpdateKey id={id} />
  const community = workCommunities(me)[0]
  if (!community) return <EmptyState title='不能标记重点户' description='本社区的社区工作者、网格员和书记可以标记重点户。' />
  return <MarkKey communityId={community} />
}
