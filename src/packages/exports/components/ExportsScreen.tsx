import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { ExportRequest, ExportView } from '@/types/exports'

import PeriodSwitch from '@/components/PeriodSwitch'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { formatMonth, formatTime, monthKey, shiftMonth } from '@/domain/format'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { call, saveFile } from '@/services/api'

type Kind = ExportRequest['kind']

const KINDS: { key: Kind; title: string; about: string }[] = [
  { key: 'scorecards', title: '三率', about: '每个社区、单位当月的响应率、解决率、满意率，含分子分母。' },
  { key: 'demands', title: '诉求', about: '当月提交的每件诉求一行，含每次状态变化的时间。' },
  { key: 'hours', title: '服务时长', about: '每人全年服务时长、积分，对照每年 20 小时的目标。' },
  { key: 'ledger', title: '积分明细', about: '本社区当月的每一笔积分。' },
  { key: 'checkIns', title: '双报到', about: '全年每位党员每月的双报到一行（居住社区、在职单位、报到时间）。' },
  { key: 'visits', title: '走访', about: '当月每次走访和各社区覆盖率（县、镇街导出不含走访记录原文）。' },
]

const PROGRESS_WAIT_MS = 1500

function progressText(v: ExportView): string {
  if (v.status === 'finished') return `已完成，共 ${v.done} 行`
  if (v.status === 'failed') return `导出失败${v.error ? `：${v.error}` : ''}`
  return v.total ? `正在导出：${v.done}/${v.total} 行` : '正在导出…'
}

function ExportRow({ v, onDownload, busy }: { v: ExportView; onDownload: (v: ExportView) => void; busy: boolean }) {
  return (
    <View className='jl-export-row'>
      <Text className='jl-export-row__title'>{v.title}</Text>
      <Text className='jl-export-row__sub'>
        {progressText(v)} · {formatTime(v.createdAt)}
      </Text>
      {v.status === 'finished' ? (
        <AtButton className='jl-button' size='small' disabled={busy} onClick={() => onDownload(v)}>
          {`下载 ${v.title}`}
        </AtButton>
      ) : null}
    </View>
  )
}

/** What the person may export: staff, secretaries, grid workers; liaisons; town officials; the admin. */
function rolesOf(me: Me) {
  const admin = me.roles.some((g) => g.role === 'admin')
  const communities = me.roles.filter((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role) && g.communityId).map((g) => g.communityId!)
  const units = me.roles.filter((g) => g.role === 'liaison' && g.unitId).map((g) => g.unitId!)
  const town = me.roles.some((g) => g.role === 'town')
  return { admin, communities, units, town, any: admin || town || communities.length > 0 || units.length > 0 }
}

/** 导出与月报: choose what and which month, follow the progress, download; the monthly report pack. */
export default function ExportsScreen({ me }: { me: Me }) {
  const who = rolesOf(me)
  const kinds = KINDS.filter((k) => who.admin || (k.key === 'visits' ? who.communities.length || who.town : k.key === 'ledger' ? who.communities.length || who.units.length : true))
  const [kind, setKind] = useState<Kind>('scorecards')
  const byYear = kind === 'hours' || kind === 'checkIns'
  const thisMonth = monthKey()
  const [month, setMonth] = useState(thisMonth)
  const [version, setVersion] = useState(0)
  const [running, setRunning] = useState<ExportView | null>(null)
  const { busy, error, run } = useAction()
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )
  const { state, reload } = useLoad(() => call('exports', 'list', {}), me.openid, version)

  if (!who.any) return <EmptyState title='您没有可导出的数据' description='导出供社区工作人员、单位联络员、镇街干部和县委组织部使用。' />

  const request = (): ExportRequest => {
    switch (kind) {
      case 'demands':
        return { kind, from: month, to: month }
      case 'hours':
      case 'checkIns':
        return { kind, year: month.slice(0, 4) }
      case 'ledger':
        return { kind, communityId: who.communities[0] ?? me.community?._id ?? '', from: month, to: month }
      case 'visits':
        return { kind, month }
      default:
        return { kind: 'scorecards', month }
    }
  }

  const start = () =>
    void run(async () => {
      let v = await call('exports', 'start', request())
      setRunning(v)
      while (v.status === 'running' && live.current) {
        if (v.busy) await new Promise((r) => setTimeout(r, PROGRESS_WAIT_MS))
        v = await call('exports', 'continue', { id: v._id })
        if (live.current) setRunning(v)
      }
      setVersion((n) => n + 1)
    })

  const download = (v: ExportView) =>
    void run(async () => {
      const { url, fileName } = await call('exports', 'download', { id: v._id })
      await saveFile(url, fileName)
    })

  const pack = () =>
    void run(async () => {
      const m = shiftMonth(thisMonth, -1)
      let p = await call('exports', 'runPack', { month: m })
      while (!p.finished && live.current) p = await call('exports', 'runPack', { month: m })
      setVersion((n) => n + 1)
    })

  const about = KINDS.find((k) => k.key === kind)?.about ?? ''
  return (
    <View className='jl-form'>
      <Section title='新建导出'>
        <Segments items={kinds.map((k) => ({ key: k.key, title: k.title }))} value={kind} onChange={(k) => setKind(k as Kind)} />
        <Text className='jl-field__hint'>{about}</Text>
        <PeriodSwitch
          text={byYear ? `${month.slice(0, 4)}年` : formatMonth(month)}
          unit={byYear ? '年' : '月'}
          onPrev={() => setMonth(shiftMonth(month, byYear ? -12 : -1))}
          onNext={month >= thisMonth ? undefined : () => setMonth(shiftMonth(month, byYear ? 12 : 1))}
        />
        <AtButton className='jl-button' type='primary' loading={busy && !!running && running.status === 'running'} disabled={busy} onClick={start}>
          导出 Excel
        </AtButton>
        {running ? (
          <View role='status' ariaRole='status'>
            <Text className='jl-form__lead'>{progressText(running)}</Text>
          </View>
        ) : null}
        <FormError message={error} />
      </Section>
      {state.status === 'loading' ? <Loading text='正在读取导出记录…' /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <Section title='我的导出'>
            {state.data.mine.length ? (
              state.data.mine.map((v) => <ExportRow key={v._id} v={v} busy={busy} onDownload={download} />)
            ) : (
              <EmptyState title='还没有导出' description='选好内容和月份后点「导出 Excel」，完成后在这里下载。' />
            )}
          </Section>
          <Section title='月报'>
            <Text className='jl-field__hint'>每月初自动生成上个月的月报：全县、每个镇街、社区、单位各一个工作簿（三率与走访覆盖率）。</Text>
            {who.admin ? (
              <AtButton className='jl-button' disabled={busy} onClick={pack}>
                {`生成${formatMonth(shiftMonth(thisMonth, -1))}月报`}
              </AtButton>
            ) : null}
            {state.data.packs.length ? (
              state.data.packs.map((v) => <ExportRow key={v._id} v={v} busy={busy} onDownload={download} />)
            ) : (
              <EmptyState title='还没有月报' description='月报在每月初生成，生成后在这里下载。' />
            )}
          </Section>
        </>
      ) : null}
    </View>
  )
}
