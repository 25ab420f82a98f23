import Page from '@/components/Page'
import RoleSwitcher from '@/components/RoleSwitcher'
import { ErrorState, Loading } from '@/components/States'
import { isLocalMode } from '@/services/api'
import { useSession } from '@/store/session'
import BindBuilding from './parts/BindBuilding'
import ElderModeSection from './parts/ElderModeSection'
import ProfileCard from './parts/ProfileCard'
import RegisterForm from './parts/RegisterForm'
import './index.scss'

/**
 * 我的: the caller's profile from org.me, registration and 绑定楼栋 for newcomers, the 长辈模式
 * switch, and in the local demo (H5) the role switcher — first of all when no one is chosen yet.
 */
export default function MePage() {
  const { state, reload } = useSession()
  const local = isLocalMode()
  return (
    <Page>
      {local && state.status === 'noIdentity' ? <RoleSwitcher prominent /> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'notRegistered' ? <RegisterForm /> : null}
      {state.status === 'ready' ? (
        <>
          <ProfileCard me={state.me} />
          {state.me.building ? null : <BindBuilding />}
        </>
      ) : null}
      <ElderModeSection />
      {local && state.status !== 'noIdentity' ? <RoleSwitcher /> : null}
    </Page>
  )
}
