import Page from '@/components/Page'
import Section from '@/components/Section'
import { ErrorState } from '@/components/States'
import { usePageParams } from '@/hooks/usePageParams'
import ProjectList from '../components/ProjectList'
import '../components/projects.scss'

/** One pairing's 共建计划 for a year: every project it took on, and where each stands. */
export default function PlanPage() {
  const { unitId = '', communityId = '', year = '', name = '' } = usePageParams()
  return (
    <Page>
      {unitId && communityId && year ? (
        <Section title={`${decodeURIComponent(name)} ${year}年共建计划`}>
          <ProjectList scope='plan' unitId={unitId} communityId={communityId} year={year} emptyTitle='这一年还没有共建项目' emptyDescription='认领的需求和接受的服务申请会列入当年的共建计划。' />
        </Section>
      ) : (
        <ErrorState message='没有找到这个共建计划' />
      )}
    </Page>
  )
}
