import { View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail, Rating } from '@/types/dispatch'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { RATING_LABEL, RATINGS } from '@/domain/dispatch'
import { call } from '@/services/api'
import { useStepForm } from './useStepForm'

const HINT: Record<Rating, string> = {
  satisfied: '办得好，问题解决了',
  basic: '解决了，但还有不足',
  unsatisfied: '没解决好，会退回重新办理',
}

/** 评价: 满意 / 基本满意 / 不满意 as three large choices, and an optional comment. */
export default function RateForm({ d }: { d: DemandDetail }) {
  const [value, setValue] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  const { error, setError, busy, send } = useStepForm()

  const submit = async () => {
    if (!value) {
      setError('请选择满意、基本满意或不满意')
      return
    }
    setError('')
    if (!(await confirmStep('评价', `确认评价为「${RATING_LABEL[value]}」？提交后不能修改。`, '确认评价'))) return
    await send(() => call('dispatch', 'rate', { id: d._id, value, ...(comment.trim() ? { comment: comment.trim() } : {}) }), '感谢您的评价')
  }

  return (
    <>
      <Section title='您对办理结果满意吗'>
        <View className='jl-rate'>
          <ChoiceList
            selectedKey={value}
            onChoose={(k) => setValue(k)}
            disabled={busy}
            choices={RATINGS.map((r) => ({ key: r, title: RATING_LABEL[r], subtitle: HINT[r] }))}
          />
        </View>
      </Section>
      <Section>
        <TextField label='想说的话' value={comment} onChange={setComment} max={200} optional placeholder='例如：师傅很耐心' disabled={busy} />
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        提交评价
      </AtButton>
    </>
  )
}
