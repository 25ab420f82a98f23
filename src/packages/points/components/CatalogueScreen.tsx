import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { AccountView, CatalogueItemView, RedemptionView } from '@/types/points'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useRequestId } from '@/hooks/useRequestId'
import { useLoad } from '@/hooks/useLoad'
import { confirmStep } from '@/components/form/confirmStep'
import { isCommunityWorker, isLiaison, POINTS_CHANGED, POINTS_ROUTES } from '@/domain/points'
import { spacedCode } from '@/domain/format'
import { call } from '@/services/api'
import { ManageCard, RedeemCard } from './ItemCard'
import { PAGE_SIZE } from '@/components/PagedList'
import PagedSection from '@/components/PagedSection'
import QrCode from './QrCode'

/** The code just received, large, with where to show it. */
function Redeemed({ r }: { r: RedemptionView }) {
  return (
    <Section title='兑换成功'>
      <View className='jl-code'>
        <Text className='jl-code__label'>{`「${r.itemTitle}」的兑换码，请到${r.owner.name}出示核销`}</Text>
        <Text className='jl-code__value'>{spacedCode(r.code)}</Text>
        <QrCode value={r.code} label={`兑换码二维码，码为 ${spacedCode(r.code)}`} />
      </View>
      <AtButton className='jl-button' onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.redemptions() })}>
        查看我的兑换
      </AtButton>
    </Section>
  )
}

/** 积分兑换: what the caller may redeem with their balance; redeeming asks, then shows the code. */
export function RedeemScreen() {
  const [version, setVersion] = useState(0)
  const { busy, error, run } = useAction()
  const [done, setDone] = useState<RedemptionView | null>(null)
  // One key per 确认兑换: a retry of that tap redeems once; the next redemption gets a new one.
  const [requestId, renewRequestId] = useRequestId()
  const account = useLoad<AccountView>(() => call('points', 'account', {}), 'account', version)

  const redeem = async (item: CatalogueItemView) => {
    if (!(await confirmStep('兑换', `用 ${item.cost} 积分兑换「${item.title}」？兑换后凭兑换码到${item.owner.name}核销；未核销前可以取消并退回积分。`, '确认兑换'))) return
    const r = await run(() => call('points', 'redeem', { itemId: item._id, requestId }))
    if (!r) return
    renewRequestId()
    setDone(r)
    setVersion((v) => v + 1)
    Taro.eventCenter.trigger(POINTS_CHANGED)
  }

  return (
    <>
      {account.state.status === 'ready' ? <Text className='jl-page__lead'>{`我的可用积分：${account.state.data.balance} 分`}</Text> : null}
      {done ? <Redeemed r={done} /> : null}
      <FormError message={error} />
      <PagedSection
        title='可兑换'
        listKey='items:available'
        version={version}
        fetchPage={(page) => call('points', 'listItems', { scope: 'available', page, pageSize: PAGE_SIZE })}
        idOf={(i) => i._id}
        emptyTitle='暂无可兑换的物品或服务'
        emptyDescription='社区和结对单位上架的服务、物品会在这里，可用志愿积分兑换。'
        render={(i) => <RedeemCard item={i} busy={busy} onRedeem={(x) => void redeem(x)} />}
      />
    </>
  )
}

/** 兑换目录管理: the items the caller manages (their community's, their unit's, or all for the county). */
export function ManageScreen({ me }: { me: Me }) {
  const canCreate = isCommunityWorker(me) || isLiaison(me)
  return (
    <>
      {canCreate ? (
        <AtButton className='jl-button jl-lead' type='primary' onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.itemForm })}>
          上架新的物品或服务
        </AtButton>
      ) : null}
      <PagedSection
        title='我管理的兑换目录'
        listKey='items:managed'
        fetchPage={(page) => call('points', 'listItems', { scope: 'managed', page, pageSize: PAGE_SIZE })}
        idOf={(i) => i._id}
        emptyTitle='还没有上架的物品或服务'
        emptyDescription='上架后居民和党员可以用志愿积分兑换，凭兑换码到您这里核销。'
        render={(i) => <ManageCard item={i} />}
      />
    </>
  )
}
