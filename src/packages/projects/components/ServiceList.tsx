import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import type { ServiceView } from '@/types/projects'

import { Tag } from '@/components/DemandTags'
import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { useChanged } from '@/hooks/useLoad'
import { PROJECT_CHANGED, PROJECT_ROUTES, SERVICE_KIND_LABEL } from '@/domain/projects'
import { call } from '@/services/api'

function ServiceCard({ s, communityId }: { s: ServiceView; communityId?: string }) {
  const { busy, run } = useAction()
  const withdraw = async () => {
    if (!(await confirmStep('下架', `「${s.title}」下架后，社区不能再申请。已经在做的项目不受影响。`, '下架'))) return
    if (await run(() => call('projects', 'withdrawService', { id: s._id }))) {
      Taro.eventCenter.trigger(PROJECT_CHANGED)
      void Taro.showToast({ title: '已下架', icon: 'none' })
    }
  }
  return (
    <View className='jl-card'>
      <View className='jl-tags'>
        <Tag text={SERVICE_KIND_LABEL[s.kind]} tone='info' strong />
      </View>
      <Text className='jl-card__title'>{s.title}</Text>
      <Text className='jl-card__text'>{s.description}</Text>
      <Text className='jl-card__meta'>{`提供单位：${s.unitName}`}</Text>
      {s.allowedActions.includes('request') && communityId ? (
        <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: PROJECT_ROUTES.request(s._id, communityId, s.title) })}>
          申请这项服务
        </AtButton>
      ) : null}
      {s.allowedActions.includes('withdrawService') ? (
        <AtButton className='jl-button' loading={busy} disabled={busy} onClick={() => void withdraw()}>
          下架
        </AtButton>
      ) : null}
    </View>
  )
}

/** A unit's 服务清单 / 资源清单 (`unitId`), or the offers of the units paired with a community (`communityId`). */
export default function ServiceList({ unitId, communityId }: { unitId?: string; communityId?: string }) {
  const version = useChanged(PROJECT_CHANGED)
  return (
    <PagedList
      listKey={`services:${unitId ?? ''}:${communityId ?? ''}`}
      version={version}
      fetchPage={(page) => call('projects', 'services', { ...(unitId ? { unitId } : { communityId }), page, pageSize: PAGE_SIZE })}
      idOf={(s) => s._id}
      emptyTitle={unitId ? '本单位还没有发布服务清单' : '结对单位还没有发布服务清单'}
      emptyDescription={unitId ? '发布本单位能提供的服务和资源，结对社区就可以申请。' : '结对单位发布的服务和资源会出现在这里。'}
      count={countIn('项')}
      render={(s) => <ServiceCard key={`${s._id}:${s.withdrawn}`} s={s} communityId={communityId} />}
    />
  )
}
