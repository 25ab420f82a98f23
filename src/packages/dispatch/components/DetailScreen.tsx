import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { DemandDetail, DemandEvent } from '@/types/dispatch'

import DemandTags from '@/components/DemandTags'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import { KIND_LABEL, ROUTES, URGENCY_LABEL } from '@/domain/dispatch'
import { formatHours, formatTime } from '@/domain/format'
import { tappable } from '@/utils/a11y'
import ActionBar from './ActionBar'
import { DemandPhotos, HouseholdSection, OutcomeSections } from './DetailParts'
import ResidentDetail from './ResidentDetail'
import Timeline from './Timeline'
import { useDemand } from './useDemand'

function DispatchInfo({ d }: { d: DemandDetail }) {
  const info = d.dispatch
  if (!info) return null
  const unitName = (id: string) => d.unitNames[id] ?? '结对单位'
  const target = info.unitId ? unitName(info.unitId) : `所有结对单位（先接先得）：${info.offeredTo.map(unitName).join('、')}`
  const accepted = info.acceptedAt ? `${formatTime(info.acceptedAt)}（${info.acceptedWithinSla ? '按时接单' : '超时接单'}）` : '尚未接单'
  if (d.status === 'submitted') {
    // 退单: back with the community; the last dispatch is history, not a running clock.
    return (
      <Section title='上次派单（已退单）'>
        <Row label='派给'>{target}</Row>
        <Row label='派单时间'>{formatTime(info.dispatchedAt)}</Row>
      </Section>
    )
  }
  return (
    <Section title='派单情况'>
      {d.overdue ? (
        <View className='jl-warning' role='alert' ariaRole='alert'>
          <Text>⚠ 已超期：{d.status === 'dispatched' && !info.acceptedAt ? '超过接单时限仍未接单' : d.status === 'completed' ? '超过办结时限，仍待社区验收' : '超过办结时限仍未办结'}</Text>
        </View>
      ) : null}
      <Row label='承办单位'>{target}</Row>
      <Row label='派单时间'>{formatTime(info.dispatchedAt)}</Row>
      <Row label='紧急程度'>{URGENCY_LABEL[d.urgency]}</Row>
      <Row label='需要人数'>{`${info.slots} 人，已认领 ${d.claimedCount} 人`}</Row>
      <Row label='预计时长'>{`每人 ${formatHours(info.expectedHours)}`}</Row>
      <Row label='接单时限'>{formatTime(info.acceptBy)}</Row>
      <Row label='办结时限'>{formatTime(info.finishBy)}</Row>
      <Row label='接单'>{accepted}</Row>
    </Section>
  )
}

/** 延期 in one line: what was asked, and what the community decided. */
function extensionText(e: NonNullable<DemandDetail['extension']>): string {
  const asked = `申请延期至 ${formatTime(e.until)}（${e.reason}）`
  if (e.status === 'pending') return `${asked}，待社区审核`
  return e.status === 'approved' ? `${asked}，社区已同意` : `${asked}，社区不同意：${e.decision ?? ''}`
}

/**
 * 诉求详情: everything this reader may see, the whole timeline, and the steps open to them — or,
 * for the resident who asked, their own view (ResidentDetail). `act`: the step a list card chose,
 * its form open.
 */
export default function DetailScreen({ id, act }: { id: string; act?: DemandEvent }) {
  const { state, reload, setDetail } = useDemand(id)

  if (state.status === 'loading') return <Loading text='正在加载诉求…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  if (d.residentView && d.allowedActions.every((a) => a === 'rate')) return <ResidentDetail d={d} />
  return (
    <View className='jl-detail'>
      <Section title={KIND_LABEL[d.kind]}>
        <DemandTags status={d.status} urgency={d.urgency} overdue={d.overdue} category={d.category} escalated={d.escalated} supervised={d.supervised} extensionPending={d.extensionPending} />
        <Text className='jl-detail__text'>{d.text}</Text>
        <DemandPhotos photos={d.photos} />
        <Row label='反映人'>{d.anonymous ? `${d.submitterName}（对其他居民匿名）` : d.submitterName}</Row>
        {d.submitterPhone ? <Row label={d.source === 'visit' ? '走访人电话' : '电话'}>{d.submitterPhone}</Row> : null}
        <Row label='提交时间'>{formatTime(d.createdAt)}</Row>
        {d.mergedInto ? (
          <View className='jl-link' {...tappable('查看合并到的诉求', 'link')} onClick={() => void Taro.redirectTo({ url: ROUTES.detail(d.mergedInto!) })}>
            <Text>已合并到另一条诉求，点此查看 ›</Text>
          </View>
        ) : null}
        {d.escalatedAt ? <Row label='吹哨时间'>{formatTime(d.escalatedAt)}</Row> : null}
        {d.supervised && d.supervisedAt ? <Row label='督办时间'>{formatTime(d.supervisedAt)}</Row> : null}
        {d.extension ? <Row label='延期'>{extensionText(d.extension)}</Row> : null}
      </Section>

      <ActionBar detail={d} onDone={setDetail} start={act} />

      <HouseholdSection household={d.household} />

      <DispatchInfo d={d} />

      {d.claims.length ? (
        <Section title='认领的党员'>
          {d.claims.map((c) => (
            <View key={c.openid} className='jl-claim'>
              <Text className='jl-claim__name'>{c.name}</Text>
              <Text className='jl-claim__meta'>
                {c.by === 'liaison' ? '联络员指派' : '自己认领'} · {formatTime(c.at)} · {c.done ? `已办结，服务 ${formatHours(c.hours)}` : '办理中'}
              </Text>
            </View>
          ))}
        </Section>
      ) : null}

      <OutcomeSections d={d} />

      {d.returnVisits.length ? (
        <Section title='回访'>
          {d.returnVisits.map((v, i) => (
            <View key={`${String(v.at)}-${i}`} className='jl-claim'>
              <Text className='jl-claim__meta'>{formatTime(v.at)}</Text>
              <Text className='jl-detail__text'>{v.note}</Text>
            </View>
          ))}
        </Section>
      ) : null}

      <Section title='办理经过'>
        <Timeline events={d.timeline} />
      </Section>
    </View>
  )
}
