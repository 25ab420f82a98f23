import Page from '@/components/Page'
import RoleSwitcher from '@/components/RoleSwitcher'
import { ErrorState, Loading } from '@/components/States'
import { isLocalMode } from '@/services/api'
import { useSession } from '@/store/session'
import AdminEntry from './parts/AdminEntry'
import BindBuilding from './parts/BindBuilding'
import ElderModeSection from './parts/ElderModeSection'
import ProfileCard from './parts/ProfileCard'
import RegisterForm from '@/components/RegisterForm'
import SetupEntry from './parts/SetupEntry'
import './index.scss'

/**
 * 我的: the caller's profile from org.me, registration and 绑定楼栋 for newcomers, the 长辈模式
 * switch, 初始化 while the county has no admin, the way into 管理, and in the local demo (H5) the role switcher — first of all when no one is chosen yet.
 */
export default function MePage() {
  const { state, reload } = useSession()
  const local = isLocalMode()
  return (
    <Page>
      {local && state.status === 'noIdentity' ? <RoleSwitcher prominent /> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'notRegistered' ? (
        <>
          <RegisterForm onRegistered={() => void reload()} />
          <AdminEntry me={null} />
        </>
      ) : null}
      {state.status === 'ready' ? (
        <>
          <ProfileCard me={state.me} />
          {(state.me as typeof state.me & { setupOpen?: true }).setupOpen ? <SetupEntry /> : null}
          <AdminEntry me={state.me} />
          {state.me.building ? null : <BindBuilding />}
        </>
      ) : null}
      <ElderModeSection />
      {local && state.status !== 'noIdentity' ? <RoleSwitcher /> : null}
    </Page>
  )
}
