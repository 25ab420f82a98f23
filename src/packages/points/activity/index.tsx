import Taro from '@tarojs/taro'
import { useState } from 'react'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ActivityScreen from '@/packages/points/components/ActivityScreen'
import '../components/points.scss'

/** 活动详情 (?id=). */
export default function ActivityPage() {
  // Read once: a page under another one must keep its own id.
  const [id] = useState(() => Taro.getCurrentInstance().router?.params.id ?? '')
  return (
    <Page>
      <IdentityGate>{(me) => <ActivityScreen key={me.openid} id={id} />}</IdentityGate>
    </Page>
  )
}
