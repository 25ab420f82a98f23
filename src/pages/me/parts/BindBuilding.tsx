import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { RegionNode } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useLoad } from '@/hooks/useLoad'
import { call, isApiCallError, NETWORK_MESSAGE } from '@/services/api'
import { useSession } from '@/store/session'
import { tappable } from '@/utils/a11y'
import 'taro-ui/lib/style/components/button.scss'

function collect(nodes: RegionNode[], level: RegionNode['level'], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === level) into.push(n)
    else collect(n.children, level, into)
  }
  return into
}

function Picked({ label, name, onReset }: { label: string; name: string; onReset: () => void }) {
  return (
    <View className='jl-picked'>
      <Text className='jl-picked__text'>
        {label}：{name}
      </Text>
      <View className='jl-picked__reset' {...tappable(`重新选择${label}`)} onClick={onReset}>
        <Text>重选</Text>
      </View>
    </View>
  )
}

/** 绑定楼栋: choose 社区 → 小区 → 楼栋 from org.regionTree, then org.bindBuilding. */
export default function BindBuilding() {
  const { setMe } = useSession()
  const { state: tree, reload: load } = useLoad(() => call('org', 'regionTree', {}), 'regionTree')
  const [communityId, setCommunityId] = useState<string | null>(null)
  const [estateId, setEstateId] = useState<string | null>(null)
  const [buildingId, setBuildingId] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState('')

  const communities = useMemo(() => (tree.status === 'ready' ? collect(tree.data, 'community') : []), [tree])
  const community = communities.find((c) => c._id === communityId) ?? null
  const estates = community ? community.children.filter((n) => n.level === 'estate') : []
  const estate = estates.find((e) => e._id === estateId) ?? null
  const buildings = estate ? estate.children.filter((n) => n.level === 'building') : []

  const bind = async () => {
    if (!buildingId) return
    setSaving(true)
    setError('')
    try {
      setMe(await call('org', 'bindBuilding', { buildingId }))
      void Taro.showToast({ title: '已绑定楼栋', icon: 'none' })
    } catch (e) {
      setError(isApiCallError(e) ? e.message : NETWORK_MESSAGE)
    } finally {
      setSaving(false)
    }
  }

  let body
  if (tree.status === 'loading') body = <Loading text='正在加载社区和楼栋…' />
  else if (tree.status === 'error') body = <ErrorState message={tree.message} onRetry={() => void load()} />
  else if (communities.length === 0) body = <EmptyState title='暂无可选的社区' description='请联系所在社区的工作人员。' />
  else if (!community)
    body = (
      <>
        <Text className='jl-form__lead'>第一步：选择社区</Text>
        <ChoiceList choices={communities.map((c) => ({ key: c._id, title: c.name }))} onChoose={setCommunityId} />
      </>
    )
  else {
    const resetCommunity = () => {
      setCommunityId(null)
      setEstateId(null)
      setBuildingId(null)
    }
    body = (
      <>
        <Picked label='社区' name={community.name} onReset={resetCommunity} />
        {!estate ? (
          estates.length ? (
            <>
              <Text className='jl-form__lead'>第二步：选择小区</Text>
              <ChoiceList choices={estates.map((e) => ({ key: e._id, title: e.name }))} onChoose={setEstateId} />
            </>
          ) : (
            <EmptyState title='这个社区还没有登记小区' description='请选择其他社区，或联系社区工作人员。' />
          )
        ) : (
          <>
            <Picked
              label='小区'
              name={estate.name}
              onReset={() => {
                setEstateId(null)
                setBuildingId(null)
              }}
            />
            {buildings.length ? (
              <>
                <Text className='jl-form__lead'>第三步：选择楼栋</Text>
                <ChoiceList
                  choices={buildings.map((b) => ({ key: b._id, title: b.name }))}
                  selectedKey={buildingId}
                  onChoose={setBuildingId}
                  disabled={saving}
                />
                <FormError message={error} />
                <AtButton
                  className='jl-button jl-button--block'
                  type='primary'
                  disabled={!buildingId || saving}
                  loading={saving}
                  onClick={() => void bind()}
                >
                  确认绑定
                </AtButton>
              </>
            ) : (
              <EmptyState title='这个小区还没有登记楼栋' description='请选择其他小区，或联系社区工作人员。' />
            )}
          </>
        )}
      </>
    )
  }

  return (
    <Section title='绑定楼栋'>
      <Text className='jl-form__lead'>绑定您居住的楼栋，社区的派单、走访和活动才能找到您。</Text>
      {body}
    </Section>
  )
}
