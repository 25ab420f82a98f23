import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import { useSession } from '@/store/session'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import 'taro-ui/lib/style/components/button.scss'

const ME_TAB = '/pages/me/index'

function goToMe() {
  void Taro.switchTab({ url: ME_TAB })
}

/**
 * For the tab pages other than 我的: renders `children(me)` once the caller is known, and
 * otherwise the loading, error, or "who are you?" state with a way forward.
 */
export default function IdentityGate({ children }: { children: (me: Me) => ReactNode }) {
  const { state, reload } = useSession()
  switch (state.status) {
    case 'loading':
      return <Loading />
    case 'error':
      return <ErrorState message={state.error.message} onRetry={() => void reload()} />
    case 'noIdentity':
      return (
        <EmptyState
          title='请先选择演示身份'
          description='这是本地演示环境。请到「我的」选择一位演示用户，再回来查看 TA 的事项。'
        >
          <AtButton className='jl-button' type='primary' onClick={goToMe}>
            去选择演示身份
          </AtButton>
        </EmptyState>
      )
    case 'notRegistered':
      return (
        <EmptyState title='请先完成注册' description='到「我的」填写姓名、绑定楼栋后即可使用。'>
          <AtButton className='jl-button' type='primary' onClick={goToMe}>
            去注册
          </AtButton>
        </EmptyState>
      )
    case 'ready':
      return <>{children(state.me)}</>
  }
}
