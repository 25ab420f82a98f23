import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { ActivityListScope } from '@/types/points'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { useChanged } from '@/hooks/useLoad'
import { ACTIVITY_SCOPE_LABEL, activityScopes, POINTS_CHANGED, POINTS_ROUTES } from '@/domain/points'
import { call } from '@/services/api'
import ActivityCard from '@/packages/points/components/ActivityCard'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import { usePageParams } from '@/hooks/usePageParams'
import 'taro-ui/lib/style/components/button.scss'
import '../components/points.scss'

const EMPTY: Record<ActivityListScope, { title: string; description: string }> = {
  open: { title: '暂无可报名的志愿活动', description: '社区发布的志愿活动会在这里，报名后到场签到签退，核定后计入服务时长和积分。' },
  mine: { title: '您还没有报名志愿活动', description: '在「可报名」里选一个活动报名，活动当天凭组织者出示的签到码签到。' },
  managed: { title: '本社区还没有志愿活动', description: '点「发布志愿活动」填写时间、地点和人数；活动结束后在活动详情里核定时长。' },
}

/** 志愿活动: open to join, mine, and — for community staff — their community's, to manage. */
function ActivitiesScreen({ me }: { me: Me }) {
  const scopes = activityScopes(me)
  const { scope: asked } = usePageParams()
  const [scope, setScope] = useState<ActivityListScope>(scopes.find((s) => s === asked) ?? scopes[0])
  // An activity published, joined or cancelled on its own page: list again.
  const version = useChanged(POINTS_CHANGED)

  return (
    <>
      {scope === 'managed' ? (
        <AtButton className='jl-button jl-lead' type='primary' onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.activityForm })}>
          发布志愿活动
        </AtButton>
      ) : null}
      <Segments items={scopes.map((s) => ({ key: s, title: ACTIVITY_SCOPE_LABEL[s] }))} value={scope} onChange={(k) => setScope(k as ActivityListScope)} />
      <Section title={ACTIVITY_SCOPE_LABEL[scope]}>
        <PagedList
          listKey={`activities:${scope}`}
          version={version}
          fetchPage={(page) => call('points', 'listActivities', { scope, page, pageSize: PAGE_SIZE })}
          idOf={(a) => a._id}
          emptyTitle={EMPTY[scope].title}
          emptyDescription={EMPTY[scope].description}
          render={(a) => <ActivityCard a={a} />}
        />
      </Section>
    </>
  )
}

export default function ActivitiesPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ActivitiesScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
