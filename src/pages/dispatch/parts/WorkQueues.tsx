import type { DemandListRequest, QueueCounts } from '@/types/dispatch'

import DemandList from '@/components/DemandList'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'

type Req = Omit<DemandListRequest, 'page' | 'pageSize'>

interface Queue {
  key: string
  title: string
  request: Req
  empty: string
}

/** Each role's queues, in the order the work flows; the counts come from dispatch.queueCounts. */
const QUEUES: { [R in keyof QueueCounts]-?: { title: string; queues: Record<keyof NonNullable<QueueCounts[R]>, Omit<Queue, 'key'>> } } = {
  staff: {
    title: '社区工作',
    queues: {
      triage: { title: '待受理', request: { scope: 'triage' }, empty: '暂无待受理的诉求' },
      working: { title: '待派单/办理中', request: { scope: 'community', queue: 'working' }, empty: '暂无办理中的诉求' },
      verify: { title: '待验收', request: { scope: 'community', queue: 'verify' }, empty: '暂无待验收的诉求' },
      overdue: { title: '超期', request: { scope: 'community', overdue: true }, empty: '暂无超期的诉求' },
      returnVisit: { title: '回访', request: { scope: 'community', queue: 'returnVisit' }, empty: '暂无待回访的诉求' },
    },
  },
  liaison: {
    title: '单位派单',
    queues: {
      toAccept: { title: '待接单', request: { scope: 'unit', queue: 'toAccept' }, empty: '暂无待接单的派单' },
      toAssign: { title: '待指派', request: { scope: 'unit', queue: 'toAssign' }, empty: '暂无还有名额的任务' },
      inProgress: { title: '办理中', request: { scope: 'unit', queue: 'inProgress' }, empty: '暂无办理中的任务' },
      overdue: { title: '超期', request: { scope: 'unit', overdue: true }, empty: '暂无超期的任务' },
    },
  },
  member: {
    title: '我的认领',
    queues: {
      claimable: { title: '可认领', request: { scope: 'claimable' }, empty: '暂无可认领的任务' },
      myTasks: { title: '我的任务', request: { scope: 'myTasks' }, empty: '您还没有认领任务' },
    },
  },
  supervision: {
    title: '督办',
    queues: {
      overdue: { title: '超期', request: { scope: 'supervision', overdue: true }, empty: '辖区内暂无超期的诉求' },
      escalated: { title: '已吹哨', request: { scope: 'supervision', flag: 'escalated' }, empty: '辖区内暂无吹哨的诉求' },
      supervised: { title: '督办', request: { scope: 'supervision', flag: 'supervised' }, empty: '暂无督办中的诉求' },
    },
  },
}

/**
 * The work queues of every role the caller has, each segment with its count (maintained counters,
 * one call); the chosen queue's list opens below it (paged like every list). One list is open on
 * the tab at a time: `chosen` is the queue's key, null for the first queue, false when a list
 * further down (社区诉求, 单位派单, 我的诉求) is open instead.
 */
export default function WorkQueues({ version, chosen, onChoose }: { version: number; chosen: string | null | false; onChoose: (key: string) => void }) {
  const { state, reload } = useLoad(() => call('dispatch', 'queueCounts', {}), 'queues', version)
  if (state.status === 'loading') return <Loading text='正在统计待办…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const counts = state.data
  const groups = (Object.keys(QUEUES) as (keyof QueueCounts)[]).filter((r) => counts[r])
  if (!groups.length) return null
  const all = groups.flatMap((r) =>
    Object.entries(QUEUES[r].queues).map(([k, q]) => ({ ...(q as Omit<Queue, 'key'>), key: `${r}.${k}`, group: r, count: (counts[r] as Record<string, number>)[k] ?? 0 })),
  )
  const active = chosen === false ? null : (all.find((q) => q.key === chosen) ?? all[0])
  return (
    <>
      {groups.map((r) => (
        <Section key={r} title={`${QUEUES[r].title} · 待办`}>
          <Segments items={all.filter((q) => q.group === r).map((q) => ({ key: q.key, title: `${q.title} ${q.count}` }))} value={active?.group === r ? active.key : ''} onChange={onChoose} />
          {active?.group === r ? (
            <DemandList key={active.key} request={active.request} emptyTitle={active.empty} emptyDescription='有新的待办时会显示在这里。' version={version} />
          ) : null}
        </Section>
      ))}
    </>
  )
}
