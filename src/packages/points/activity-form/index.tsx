import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { EmptyState } from '@/components/States'
import { isCommunityWorker } from '@/domain/points'
import ActivityForm from '@/packages/points/components/ActivityForm'
import '../components/points.scss'

/** 发布志愿活动: community staff only (the server checks it again). */
export default function ActivityFormPage() {
  return (
    <Page>
      <IdentityGate>
        {(me) => (isCommunityWorker(me) ? <ActivityForm key={me.openid} /> : <EmptyState title='只有社区工作者可以发布志愿活动' description='您可以在「志愿活动」里报名参加。' />)}
      </IdentityGate>
    </Page>
  )
}
