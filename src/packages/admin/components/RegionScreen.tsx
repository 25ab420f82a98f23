import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { RegionNode } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { useChanged, useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import BuildingHouseholds from './BuildingHouseholds'
import { CHILD_LEVEL, LEVEL_LABEL } from './levels'
import RegionForm from './RegionForm'
import { ADMIN_CHANGED } from './scope'

const IMPORT = '/packages/admin/import/index'
const changed = () => Taro.eventCenter.trigger(ADMIN_CHANGED)

/** "2 个社区" under a row: what the region holds one level down. */
function countOf(n: RegionNode): string {
  const below = CHILD_LEVEL[n.level]
  return below ? `${n.children.length} 个${LEVEL_LABEL[below]}` : LEVEL_LABEL[n.level]
}

/** Where a region may move: a community to another town (admin), a building to another estate of its community. */
function MovePicker({ node, onDone }: { node: RegionNode; onDone: () => void }) {
  // The parent's parent, two levels down, lists the region's possible new parents.
  const grand = node.path[node.path.length - 2]
  const { state } = useLoad(() => call('org', 'regionTree', { rootId: grand, depth: 2 }), `move-${grand}`)
  const { busy, error, run } = useAction()
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} />
  const parents = (state.data[0]?.children ?? []).filter((p) => p._id !== node.parentId)
  if (!parents.length) return <EmptyState title='没有可移到的位置' />
  return (
    <View>
      <Text className='jl-form__lead'>把「{node.name}」移到：</Text>
      <ChoiceList
        disabled={busy}
        choices={parents.map((p) => ({ key: p._id, title: p.name }))}
        onChoose={(parentId) =>
          void run(() => call('org', 'moveRegion', { id: node._id, parentId })).then((r) => {
            if (r) onDone()
          })
        }
      />
      <FormError message={error} />
    </View>
  )
}

function ChildRow({ node, admin, onChanged }: { node: RegionNode; admin: boolean; onChanged: () => void }) {
  const [mode, setMode] = useState<'none' | 'rename' | 'move'>('none')
  const { busy, error, run } = useAction()
  const movable = node.level === 'building' || (admin && node.level === 'community')
  const archive = async () => {
    if (!(await confirmStep(`归档${LEVEL_LABEL[node.level]}`, `归档后「${node.name}」不再显示，也不能再添加下级；记录会保留。`, '归档'))) return
    if (await run(() => call('org', 'archiveRegion', { id: node._id }))) onChanged()
  }
  const done = () => {
    setMode('none')
    onChanged()
  }
  return (
    <View className='jl-admin-row'>
      <View {...tappable(`${node.name}，${countOf(node)}`, 'link')} onClick={() => void Taro.navigateTo({ url: `/packages/admin/regions/index?id=${node._id}` })}>
        <Text className='jl-admin-row__title'>{node.name} ›</Text>
        <Text className='jl-admin-row__sub'>
          {countOf(node)}
          {node.divisionCode ? ` · ${node.divisionCode}` : ''}
        </Text>
      </View>
      {mode === 'rename' ? <RegionForm level={node.level} editing={node} onDone={done} onCancel={() => setMode('none')} /> : null}
      {mode === 'move' ? <MovePicker node={node} onDone={done} /> : null}
      <View className='jl-admin-row__actions'>
        <AtButton size='small' className='jl-button' onClick={() => setMode(mode === 'rename' ? 'none' : 'rename')}>
          改名
        </AtButton>
        {movable ? (
          <AtButton size='small' className='jl-button' onClick={() => setMode(mode === 'move' ? 'none' : 'move')}>
            移动
          </AtButton>
        ) : null}
        <AtButton size='small' className='jl-button' disabled={busy} onClick={() => void archive()}>
          归档
        </AtButton>
      </View>
      <FormError message={error} />
    </View>
  )
}

/**
 * One region and the regions under it, with how many each holds further down; add, rename, move
 * and archive. A brand-new county starts here with nothing: 导入组织架构 or 新建县.
 */
export default function RegionScreen({ id, admin }: { id?: string; admin: boolean }) {
  const version = useChanged(ADMIN_CHANGED)
  const { state, reload } = useLoad(() => call('org', 'regionTree', id ? { rootId: id, depth: 3 } : { depth: 3 }), id ?? 'county', version)
  const [adding, setAdding] = useState(false)
  const after = () => {
    setAdding(false)
    changed()
  }

  if (state.status === 'loading') return <Loading text='正在加载地区…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const node = state.data[0]
  if (!node)
    return (
      <Section title='地区'>
        <EmptyState title='还没有任何地区' description='新部署的县从这里开始：用模板导入全县的组织架构，或先新建县，再逐级添加镇街、社区。'>
          {admin ? (
            <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: IMPORT })}>
              导入组织架构
            </AtButton>
          ) : null}
        </EmptyState>
        {admin ? <RegionForm level='county' onDone={after} /> : null}
      </Section>
    )

  const child = CHILD_LEVEL[node.level]
  const childLabel = child ? LEVEL_LABEL[child] : ''
  return (
    <>
      <Section title={`${node.name}（${LEVEL_LABEL[node.level]}）`}>
        <Text className='jl-admin-row__sub'>{countOf(node)}</Text>
        {child && node.children.length === 0 ? (
          <EmptyState title={`还没有${childLabel}`} description={`新建${childLabel}，或用模板导入组织架构。`}>
            {admin ? (
              <AtButton className='jl-button' onClick={() => void Taro.navigateTo({ url: IMPORT })}>
                导入组织架构
              </AtButton>
            ) : null}
          </EmptyState>
        ) : null}
        {node.children.map((c) => (
          <ChildRow key={c._id} node={c} admin={admin} onChanged={changed} />
        ))}
        {child ? (
          adding ? (
            <RegionForm level={child} parentId={node._id} onDone={after} onCancel={() => setAdding(false)} />
          ) : (
            <AtButton className='jl-button' type='primary' onClick={() => setAdding(true)}>
              新建{childLabel}
            </AtButton>
          )
        ) : null}
      </Section>
      {node.level === 'building' ? <BuildingHouseholds buildingId={node._id} /> : null}
    </>
  )
}
