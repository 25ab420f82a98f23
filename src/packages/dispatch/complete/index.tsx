import Taro from '@tarojs/taro'
import { useState } from 'react'

import Page from '@/components/Page'
import CompleteForm from '@/packages/dispatch/components/CompleteForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import '../components/dispatch.scss'

/** 办结 (?id=): a claimant reports their part; staff finish a demand the community handled. */
export default function CompleteFormPage() {
  // Read once: a page under another one must keep its own id.
  const [id] = useState(() => Taro.getCurrentInstance().router?.params.id ?? '')
  return (
    <Page>
      <FormGate id={id} event='complete'>
        {(d) => <CompleteForm d={d} />}
      </FormGate>
    </Page>
  )
}
