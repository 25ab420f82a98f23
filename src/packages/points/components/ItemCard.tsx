import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { CatalogueItemView } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import Stepper from '@/components/form/Stepper'
import { confirmStep } from '@/components/form/confirmStep'
import { formatDate } from '@/domain/format'
import { call } from '@/services/api'

/** What an item is, who offers it, what it costs, what is left. */
function ItemFacts({ item }: { item: CatalogueItemView }) {
  return (
    <>
      <View className='jl-tags'>
        <Tag text={item.owner.name} tone='info' />
        {!item.active ? <Tag text='已下架' strong /> : null}
        {item.stock === 0 ? <Tag text='已兑完' tone='warning' strong /> : null}
      </View>
      <Text className='jl-card__title'>{item.title}</Text>
      {item.description ? <Text className='jl-card__text'>{item.description}</Text> : null}
      <Text className='jl-card__cost'>{`${item.cost} 积分`}</Text>
      <View className='jl-card__meta'>
        <Text>{`剩余 ${item.stock} 份`}</Text>
        <Text>{`每人限 ${item.perPersonLimit} 份${item.mine ? `，我已兑 ${item.mine} 份` : ''}`}</Text>
        <Text>{`${formatDate(item.validUntil)}前有效`}</Text>
      </View>
    </>
  )
}

/** An item a person may redeem: 兑换 asks first, then the code is shown by the page. */
export function RedeemCard({ item, busy, onRedeem }: { item: CatalogueItemView; busy: boolean; onRedeem: (item: CatalogueItemView) => void }) {
  return (
    <View className='jl-card'>
      <ItemFacts item={item} />
      {item.unavailableReason ? <Text className='jl-card__why'>{item.unavailableReason}</Text> : null}
      {item.unavailableReason ? null : (
        <AtButton className='jl-button' type='primary' disabled={busy} onClick={() => onRedeem(item)}>
          兑换
        </AtButton>
      )}
    </View>
  )
}

/** An item its manager looks after: add stock, withdraw or restore — each asked first. */
export function ManageCard({ item: initial }: { item: CatalogueItemView }) {
  const [item, setItem] = useState(initial)
  const [adding, setAdding] = useState(false)
  const [more, setMore] = useState(10)
  const { busy, error, run } = useAction()

  const update = async (change: { addStock?: number; active?: boolean }, ask: string, confirmText: string) => {
    if (!(await confirmStep(item.title, ask, confirmText))) return
    const next = await run(() => call('points', 'updateItem', { id: item._id, ...change }))
    if (!next) return
    setItem(next)
    setAdding(false)
  }

  return (
    <View className='jl-card'>
      <ItemFacts item={item} />
      <FormError message={error} />
      {adding ? (
        <View className='jl-panel'>
          <Stepper label='补充库存' value={more} onChange={setMore} min={1} max={1000} unit='份' />
          <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void update({ addStock: more }, `补充 ${more} 份库存？`, '确认补充')}>
            确认补充
          </AtButton>
          <AtButton className='jl-button' disabled={busy} onClick={() => setAdding(false)}>
            取消
          </AtButton>
        </View>
      ) : (
        <>
          <AtButton className='jl-button' disabled={busy} onClick={() => setAdding(true)}>
            补充库存
          </AtButton>
          {item.active ? (
            <AtButton className='jl-button' disabled={busy} onClick={() => void update({ active: false }, '下架后不能再兑换，已兑换的照常核销。确认下架？', '确认下架')}>
              下架
            </AtButton>
          ) : (
            <AtButton className='jl-button' disabled={busy} onClick={() => void update({ active: true }, '重新上架后可以兑换。确认上架？', '确认上架')}>
              重新上架
            </AtButton>
          )}
        </>
      )}
    </View>
  )
}
