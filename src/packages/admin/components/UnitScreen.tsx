import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { UnitWithPairings } from '@/types/api'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import UnitForm from './UnitForm'
import { useScopes } from './useScopes'

function UnitRow({ unit, communities, names, onChanged }: { unit: UnitWithPairings; communities: { _id: string; name: string }[]; names: Record<string, string>; onChanged: () => void }) {
  const [mode, setMode] = useState<'none' | 'edit' | 'pair'>('none')
  const { busy, error, run } = useAction()
  const paired = new Set(unit.communityIds)
  const archive = async () => {
    if (paired.size) return void (await confirmStep('还不能归档', '请先解除这个单位的全部结对。', '知道了'))
    if (!(await confirmStep('归档单位', `归档后「${unit.name}」不再接单，记录会保留。`, '归档'))) return
    if (await run(() => call('org', 'archiveUnit', { unitId: unit._id }))) onChanged()
  }
  const toggle = async (communityId: string) => {
    if (paired.has(communityId)) {
      if (!(await confirmStep('解除结对', `解除「${unit.name}」与「${names[communityId] ?? '该社区'}」的结对？`, '解除'))) return
      if (await run(() => call('org', 'unpairUnit', { unitId: unit._id, communityId }))) onChanged()
    } else if (await run(() => call('org', 'pairUnit', { unitId: unit._id, communityId }))) onChanged()
  }
  return (
    <View className='jl-admin-row'>
      <Text className='jl-admin-row__title'>{unit.name}</Text>
      <Text className='jl-admin-row__sub'>{unit.description || '（无简介）'}</Text>
      <Text className='jl-admin-row__sub'>结对社区：{unit.communityIds.map((c) => names[c] ?? c).join('、') || '无'}</Text>
      {mode === 'edit' ? (
        <UnitForm
          editing={unit}
          onDone={() => {
            setMode('none')
            onChanged()
          }}
          onCancel={() => setMode('none')}
        />
      ) : null}
      {mode === 'pair' ? (
        communities.length ? (
          <>
            <Text className='jl-form__lead'>点选社区结对，点已选的解除：</Text>
            <ChoiceList
              disabled={busy}
              choices={communities.map((c) => ({ key: c._id, title: c.name, subtitle: paired.has(c._id) ? '已结对' : undefined }))}
              selectedKey={null}
              onChoose={(c) => void toggle(c)}
            />
          </>
        ) : (
          <EmptyState title='还没有社区' description='先在「地区」新建社区。' />
        )
      ) : null}
      <View className='jl-admin-row__actions'>
        <AtButton size='small' className='jl-button' onClick={() => setMode(mode === 'edit' ? 'none' : 'edit')}>
          编辑
        </AtButton>
        <AtButton size='small' className='jl-button' onClick={() => setMode(mode === 'pair' ? 'none' : 'pair')}>
          结对
        </AtButton>
        <AtButton size='small' className='jl-button' disabled={busy} onClick={() => void archive()}>
          归档
        </AtButton>
      </View>
      <FormError message={error} />
    </View>
  )
}

/** The units with their pairings, and 新建单位. */
export default function UnitScreen() {
  const [version, setVersion] = useState(0)
  const [adding, setAdding] = useState(false)
  const { state, reload } = useScopes(version)
  const changed = () => setVersion((v) => v + 1)
  if (state.status === 'loading') return <Loading text='正在加载单位…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const { units, communities, names } = state.data
  return (
    <Section title={`单位（${units.length}）`}>
      {units.length === 0 ? <EmptyState title='还没有单位' description='新建县直单位或共建单位，再与社区结对；也可以用模板导入。' /> : null}
      {units.map((u) => (
        <UnitRow key={u._id} unit={u} communities={communities} names={names.communities} onChanged={changed} />
      ))}
      {adding ? (
        <UnitForm
          onDone={() => {
            setAdding(false)
            changed()
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <AtButton className='jl-button' type='primary' onClick={() => setAdding(true)}>
          新建单位
        </AtButton>
      )}
    </Section>
  )
}
