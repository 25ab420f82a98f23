import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { KeyHouseholdDetail } from '@/types/visits'

import { Tag } from '@/components/DemandTags'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { CATEGORY_LABEL, ROUTES as DISPATCH_ROUTES } from '@/domain/dispatch'
import { formatDay, formatTime } from '@/domain/format'
import {
  CARE_CATEGORY_LABEL,
  CARE_LEVEL_LABEL,
  DUE_LABEL,
  DUE_TONE,
  dueText,
  lastContactText,
  ROUTES,
  VISITOR_KIND_LABEL,
} from '@/domain/visits'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { announceHousehold, useHousehold } from './useHousehold'
import VisitHistory from './VisitHistory'

const go = (url: string) => () => void Taro.navigateTo({ url })

/** The phone: for those who must call, the full number and a 拨打 button; for anyone else, masked. */
function Phone({ d }: { d: KeyHouseholdDetail }) {
  if (!d.care) return <Row label='电话'>{d.contactPhone || '未留电话'}</Row>
  const phone = d.care.contactPhone
  return (
    <>
      <Row label='电话'>{phone || '未留电话'}</Row>
      {phone ? (
        <AtButton className='jl-button' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
          {`拨打 ${d.contactName} 的电话`}
        </AtButton>
      ) : null}
    </>
  )
}

/** 取消重点户: a reason, a confirmation, then back to the list (the household leaves every list). */
function Unmark({ d }: { d: KeyHouseholdDetail }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useAction()
  if (!open) {
    return (
      <AtButton className='jl-button' onClick={() => setOpen(true)}>
        取消重点户
      </AtButton>
    )
  }
  const send = async () => {
    if (!reason.trim()) {
      setError('请写明取消的原因')
      return
    }
    const ok = await confirmStep('取消重点户', `确认不再把 ${d.address} 列为重点户？关爱信息会删除，包挂会解除，走访记录保留。`, '确认取消')
    if (!ok) return
    if (!(await run(() => call('visits', 'unmarkKey', { householdId: d.householdId, reason: reason.trim() })))) return
    announceHousehold(d.householdId)
    void Taro.showToast({ title: '已取消重点户', icon: 'none' })
    void Taro.navigateBack()
  }
  return (
    <View className='jl-panel'>
      <TextField label='取消原因' value={reason} onChange={setReason} max={200} placeholder='例如：已搬离本社区、已入住养老机构' disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void send()}>
        确认取消重点户
      </AtButton>
      <AtButton className='jl-button' disabled={busy} onClick={() => setOpen(false)}>
        不取消了
      </AtButton>
    </View>
  )
}

/** What this reader may do now: exactly `allowedActions`. */
function Actions({ d }: { d: KeyHouseholdDetail }) {
  const can = (a: KeyHouseholdDetail['allowedActions'][number]) => d.allowedActions.includes(a)
  if (!d.allowedActions.length) return null
  return (
    <View className='jl-actions'>
      <Text className='jl-actions__title'>您可以</Text>
      <View className='jl-actions__buttons'>
        {can('recordVisit') ? (
          <AtButton className='jl-button jl-action' type='primary' onClick={go(ROUTES.visit(d.householdId))}>
            记录走访
          </AtButton>
        ) : null}
        {can('secretaryVisit') ? (
          <AtButton className='jl-button jl-action' type={can('recordVisit') ? 'secondary' : 'primary'} onClick={go(ROUTES.visit(d.householdId, { secretary: true }))}>
            书记敲门
          </AtButton>
        ) : null}
        {can('pair') || can('unpair') ? (
          <AtButton className='jl-button jl-action' onClick={go(ROUTES.pairing(d.householdId))}>
            安排包挂
          </AtButton>
        ) : null}
        {can('updateKey') ? (
          <AtButton className='jl-button jl-action' onClick={go(ROUTES.key(d.householdId))}>
            修改重点户信息
          </AtButton>
        ) : null}
        {can('unmarkKey') ? <Unmark d={d} /> : null}
      </View>
    </View>
  )
}

/**
 * 重点户详情: where, whom to ask for, the due window, 回访 owed, and — only when the server sends
 * them, i.e. to the paired visitors and the community's workers — the care categories, notes and
 * the full phone (with 拨打). Then the visitors, the latest visits and the pairing changes.
 */
export default function HouseholdScreen({ id, staff, secretaryOf = [] }: { id: string; staff: boolean; secretaryOf?: string[] }) {
  const { state, reload } = useHousehold(id)
  if (state.status === 'loading') return <Loading text='正在加载重点户…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  const overdue = d.dueStatus === 'overdue'
  const canVisit = d.allowedActions.includes('recordVisit') || d.allowedActions.includes('secretaryVisit')
  return (
    <View className='jl-detail jl-household-detail'>
      <Section title='重点户'>
        <View className='jl-tags'>
          <Tag text={overdue ? `⚠ ${DUE_LABEL.overdue}` : DUE_LABEL[d.dueStatus]} tone={DUE_TONE[d.dueStatus]} strong />
          <Tag text={CARE_LEVEL_LABEL[d.careLevel]} />
          {d.active ? null : <Tag text='已不是重点户' strong />}
        </View>
        <Text className='jl-household__address'>{d.address}</Text>
        {overdue ? (
          <View className='jl-warning' role='alert' ariaRole='alert'>
            <Text>⚠ {dueText(d)}</Text>
          </View>
        ) : (
          <Text className='jl-household__due'>{dueText(d)}</Text>
        )}
        <Row label='联系人'>{d.contactName}</Row>
        <Phone d={d} />
        <Row label='走访'>{lastContactText(d)}</Row>
        {d.lastVisitAt && d.lastVisitAt !== d.lastContactAt ? <Row label='上次走访'>{formatTime(d.lastVisitAt)}</Row> : null}
      </Section>

      <Actions d={d} />

      {d.returnsDue.length ? (
        <Section title='待回访'>
          <Text className='jl-field__hint'>这户反映的事已经办结，请上门或打电话问问办得怎么样。</Text>
          {d.returnsDue.map((r) => (
            <View key={r.demandId} className='jl-return'>
              <Text className='jl-return__what'>
                {CATEGORY_LABEL[r.category]}诉求，{formatDay(r.resolvedAt)}办结，请最晚 {formatDay(r.dueBy)} 回访
              </Text>
              {canVisit ? (
                <AtButton className='jl-button jl-return__button' type='primary' onClick={go(ROUTES.visit(d.householdId, { returnFor: r.demandId }))}>
                  记录回访
                </AtButton>
              ) : null}
              {staff ? (
                <View className='jl-link' {...tappable('查看这条诉求', 'link')} onClick={go(DISPATCH_ROUTES.detail(r.demandId))}>
                  <Text>查看这条诉求 ›</Text>
                </View>
              ) : null}
            </View>
          ))}
        </Section>
      ) : null}

      {d.care ? (
        <Section title='关爱信息'>
          <Text className='jl-field__hint'>敏感个人信息，仅包户和本社区工作人员可见；每次查看都会留下记录。</Text>
          {secretaryOf.includes(d.communityId) ? (
            <View className='jl-link' {...tappable('查看这户的查阅记录', 'link')} onClick={go(ROUTES.reads(d.householdId))}>
              <Text>这户的查阅记录 ›</Text>
            </View>
          ) : null}
          <View className='jl-tags'>
            {d.care.categories.map((c) => (
              <Tag key={c} text={CARE_CATEGORY_LABEL[c]} strong />
            ))}
          </View>
          {d.care.notes ? <Text className='jl-detail__text'>{d.care.notes}</Text> : null}
        </Section>
      ) : (
        <Section>
          <Text className='jl-field__hint'>关爱类别、备注和完整电话属于敏感个人信息，只对这户的包户和本社区工作人员显示。</Text>
        </Section>
      )}

      <Section title='包户'>
        {d.visitors.length ? (
          d.visitors.map((v) => (
            <Row key={v.openid} label={VISITOR_KIND_LABEL[v.kind]}>
              {v.name}
            </Row>
          ))
        ) : (
          <Text className='jl-field__hint'>还没有安排包户。</Text>
        )}
      </Section>

      {d.care ? (
        <Section title='走访记录'>
          <VisitHistory householdId={d.householdId} recent={d.recentVisits} />
        </Section>
      ) : null}

      {d.pairingChanges.length ? (
        <Section title='包挂变动'>
          {d.pairingChanges.map((c) => (
            <View key={c._id} className='jl-claim'>
              <Text className='jl-claim__name'>
                {c.change === 'pair' ? '安排' : '解除'} {c.visitor.name}
              </Text>
              <Text className='jl-claim__meta'>
                {c.by.name} · {formatTime(c.at)}
                {c.reason ? ` · ${c.reason}` : ''}
              </Text>
            </View>
          ))}
        </Section>
      ) : null}
    </View>
  )
}
