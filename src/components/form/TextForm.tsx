import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { useAction } from '@/hooks/useAction'

/**
 * A titled form of one text (a pledge, a survey, a note): the field, the server's refusal, and
 * the button that checks the text was written, asks (`ask`, with the trimmed text), sends it, and
 * on success empties the field, tells `onSent` and shows `done`. A refusal keeps the text.
 * `after` draws what stands under the button (a 取消), given whether the form is sending.
 */
export default function TextForm<T>({
  title,
  label,
  max,
  placeholder,
  required,
  ask,
  send,
  done,
  onSent,
  button,
  buttonClassName = 'jl-button',
  after,
}: {
  title: string
  label: string
  max: number
  placeholder: string
  /** The message when nothing was written. */
  required: string
  ask: (text: string) => Promise<boolean>
  send: (text: string) => Promise<T>
  /** The toast once sent. */
  done: string
  onSent?: (result: T) => void
  button: string
  buttonClassName?: string
  after?: (busy: boolean) => ReactNode
}) {
  const [text, setText] = useState('')
  const { busy, error, setError, run } = useAction()
  const save = async () => {
    const t = text.trim()
    if (!t) return setError(required)
    if (!(await ask(t))) return
    const result = await run(() => send(t))
    if (!result) return
    setText('')
    onSent?.(result)
    void Taro.showToast({ title: done, icon: 'none' })
  }
  return (
    <Section title={title}>
      <TextField label={label} value={text} onChange={setText} max={max} placeholder={placeholder} disabled={busy} />
      <FormError message={error} />
      <AtButton className={buttonClassName} type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
        {button}
      </AtButton>
      {after?.(busy)}
    </Section>
  )
}
