import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { UserSummary } from '@/types/domain'
import type { WishEvent, WishView } from '@/types/wishes'

import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { WISH_ACTION_LABEL, WISH_CHANGED, WISH_ROUTES } from '@/domain/wishes'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import WishFacts from './WishFacts'

/** What each step asks first, and what it says when done. */
const ASK: Record<Exclude<WishEvent, 'fulfil' | 'decline'>, [title: string, ask: (w: WishView) => string, ok: string, done: string]> = {
  approve: ['审核通过', (w) => `把「${w.title}」放上本社区的心愿墙？墙上只显示「${w.publicName}的微心愿」，不显示姓名、地址和电话。`, '通过', '已上墙'],
  claim: ['认领心愿', (w) => `认领「${w.title}」？认领后请在 ${w.neededBy} 前送到，并拍照登记。`, '认领', '认领成功'],
  withdraw: ['退出认领', (w) => `退出认领「${w.title}」？心愿会回到心愿墙，由别人认领。`, '退出认领', '已退出认领'],
  confirm: ['确认收到', (w) => `确认已经收到「${w.title}」？确认后认领人获得积分，不能撤回。`, '确认', '已确认，谢谢'],
}

/**
 * A wish with the steps the server allows this person now (`allowedActions`): 认领 (and, for a
 * paired unit's liaison, 指派本单位党员), 审核通过 / 不通过 with a reason, 登记已送达 (the fulfil
 * page), 确认收到. Each irreversible step asks first.
 */
export default function WishCard({ w: initial }: { w: WishView }) {
  const [w, setW] = useState(initial)
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const [members, setMembers] = useState<UserSummary[] | null>(null)
  const { busy, error, setError, run } = useAction()
  const can = (e: WishEvent) => w.allowedActions.includes(e)

  const done = (next: WishView | undefined, message: string) => {
    if (!next) return
    setW(next)
    Taro.eventCenter.trigger(WISH_CHANGED)
    void Taro.showToast({ title: message, icon: 'none' })
  }

  const step = async (event: keyof typeof ASK) => {
    const [title, ask, ok, message] = ASK[event]
    if (!(await confirmStep(title, ask(w), ok))) return
    done(await run(() => call('wishes', event, { id: w._id })), message)
  }

  const decline = async () => {
    if (!reason.trim()) return setError('请写明不通过的原因，心愿人会看到')
    if (!(await confirmStep('不通过', `「${w.title}」不上墙，原因会告诉心愿人。`, '不通过'))) return
    done(await run(() => call('wishes', 'decline', { id: w._id, reason: reason.trim() })), '已退回心愿人')
  }

  /** A liaison names the member who delivers it for the unit. */
  const unit = w.claimableFor?.[0]
  const loadMembers = () =>
    void run(async () => {
      const page = await call('org', 'listUsers', { unitId: unit!.unitId, role: 'member', pageSize: 50 })
      setMembers(page.items)
    })
  const assign = async (m: UserSummary) => {
    if (!(await confirmStep('为单位认领', `以${unit!.unitName}的名义认领「${w.title}」，由 ${m.name} 送达？`, '认领'))) return
    done(await run(() => call('wishes', 'claim', { id: w._id, memberOpenid: m.openid })), `已指派 ${m.name}`)
  }

  return (
    <View className='jl-card'>
      <WishFacts w={w} />
      <FormError message={error} />
      {can('claim') ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void step('claim')}>
          {WISH_ACTION_LABEL.claim}
        </AtButton>
      ) : null}
      {can('claim') && unit ? (
        members ? (
          <Picker mode='selector' range={members.map((m) => m.name)} onChange={(e) => void assign(members[Number(e.detail.value)])}>
            <View className='jl-picker' {...tappable(`选择${unit.unitName}的党员去送达`)}>
              <Text>{members.length ? `选择${unit.unitName}的党员` : '本单位还没有党员'}</Text>
              <Text className='jl-picker__change'>选择</Text>
            </View>
          </Picker>
        ) : (
          <AtButton className='jl-button' disabled={busy} onClick={loadMembers}>
            {`为${unit.unitName}认领，指派党员`}
          </AtButton>
        )
      ) : null}
      {can('fulfil') ? (
        <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: WISH_ROUTES.fulfil(w._id) })}>
          {WISH_ACTION_LABEL.fulfil}
        </AtButton>
      ) : null}
      {can('withdraw') ? (
        <AtButton className='jl-button' loading={busy} disabled={busy} onClick={() => void step('withdraw')}>
          {WISH_ACTION_LABEL.withdraw}
        </AtButton>
      ) : null}
      {can('confirm') ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void step('confirm')}>
          {WISH_ACTION_LABEL.confirm}
        </AtButton>
      ) : null}
      {can('approve') ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void step('approve')}>
          {WISH_ACTION_LABEL.approve}
        </AtButton>
      ) : null}
      {can('decline') ? (
        declining ? (
          <>
            <TextField label='不通过的原因（心愿人会看到）' value={reason} onChange={setReason} max={200} placeholder='例如：价值较高，不属于微心愿，可申请临时救助' disabled={busy} />
            <AtButton className='jl-button' loading={busy} disabled={busy} onClick={() => void decline()}>
              确认不通过
            </AtButton>
          </>
        ) : (
          <AtButton className='jl-button' disabled={busy} onClick={() => setDeclining(true)}>
            {WISH_ACTION_LABEL.decline}
          </AtButton>
        )
      ) : null}
    </View>
  )
}
