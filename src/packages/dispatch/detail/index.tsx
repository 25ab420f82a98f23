import Taro from '@tarojs/taro'
import { useState } from 'react'

import Page from '@/components/Page'
import DetailScreen from '@/packages/dispatch/components/DetailScreen'
import '../components/dispatch.scss'

/** 诉求详情 (?id=). */
export default function DemandDetailPage() {
  // Read once: a page under another one must keep its own id.
  const [id] = useState(() => Taro.getCurrentInstance().router?.params.id ?? '')
  return (
    <Page>
      <DetailScreen id={id} />
    </Page>
  )
}
