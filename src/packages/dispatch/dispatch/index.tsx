import Taro from '@tarojs/taro'
import { useState } from 'react'

import Page from '@/components/Page'
import DispatchForm from '@/packages/dispatch/components/DispatchForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import '../components/dispatch.scss'

/** 派单 (?id=): staff send a demand to a paired unit. */
export default function DispatchFormPage() {
  // Read once: a page under another one must keep its own id.
  const [id] = useState(() => Taro.getCurrentInstance().router?.params.id ?? '')
  return (
    <Page>
      <FormGate id={id} event='dispatch'>
        {(d) => <DispatchForm d={d} />}
      </FormGate>
    </Page>
  )
}
