import Page from '@/components/Page'
import { ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import { usePageParams } from '@/hooks/usePageParams'
import { call } from '@/services/api'
import ProjectSteps from '../components/ProjectSteps'
import '../components/projects.scss'

export default function ProjectPage() {
  const { id = '' } = usePageParams()
  const { state, reload } = useLoad(() => call('projects', 'detail', { id }), id)
  return (
    <Page>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? <ProjectSteps key={state.data._id} initial={state.data} /> : null}
    </Page>
  )
}
