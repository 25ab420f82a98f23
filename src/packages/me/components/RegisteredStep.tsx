import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'

import RegisterForm from '@/components/RegisterForm'
import { EmptyState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useSession } from '@/store/session'

/**
 * The one step a QR-code page offers (接受邀请, 绑定到此楼栋), for whoever opened it: a person
 * without a user record registers first (`registerFirst` says why), a signed-in person gets the
 * button, and anyone else is sent to 我的.
 */
export default function RegisteredStep(props: { registerFirst: string; label: string; busy: boolean; error: string; onStep: () => void; children?: ReactNode }) {
  const { state: session } = useSession()
  if (session.status === 'notRegistered') {
    return (
      <>
        <Text className='jl-form__lead'>{props.registerFirst}</Text>
        <RegisterForm />
      </>
    )
  }
  if (session.status === 'ready') {
    return (
      <>
        {props.children}
        <FormError message={props.error} />
        <AtButton className='jl-button' type='primary' loading={props.busy} disabled={props.busy} onClick={props.onStep}>
          {props.label}
        </AtButton>
      </>
    )
  }
  if (session.status === 'loading') return <Loading />
  return <EmptyState title='请先到「我的」选择身份或注册' />
}
