import Taro from '@tarojs/taro'
import { useState } from 'react'

import Page from '@/components/Page'
import RateForm from '@/packages/dispatch/components/RateForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import '../components/dispatch.scss'

/** 评价 (?id=): the resident who asked rates the result. */
export default function RateFormPage() {
  // Read once: a page under another one must keep its own id.
  const [id] = useState(() => Taro.getCurrentInstance().router?.params.id ?? '')
  return (
    <Page>
      <FormGate id={id} event='rate'>
        {(d) => <RateForm d={d} />}
      </FormGate>
    </Page>
  )
}
