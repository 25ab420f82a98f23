import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import FormError from '@/components/States/FormError'
import { normaliseCode } from '@/domain/points'

/**
 * A code to type — or, in WeChat, to scan from the QR code shown — then send. Typing stays as
 * the fallback when the camera is refused or the code is read aloud.
 */
export default function CodeEntry({
  label,
  submitText,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  label: string
  submitText: string
  busy?: boolean
  error?: string
  onSubmit: (code: string) => void
  onCancel?: () => void
}) {
  const [code, setCode] = useState('')
  const [hint, setHint] = useState('')
  const weapp = process.env.TARO_ENV === 'weapp'

  const scan = async () => {
    setHint('')
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      const read = normaliseCode(res.result ?? '')
      setCode(read)
      if (read) onSubmit(read)
    } catch {
      setHint('没有扫到，请直接输入')
    }
  }

  const submit = () => {
    const typed = normaliseCode(code)
    if (!typed) {
      setHint(`请输入${label}`)
      return
    }
    setHint('')
    onSubmit(typed)
  }

  const shown = hint || error
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      {weapp ? (
        <AtButton className='jl-button' type='primary' disabled={busy} onClick={() => void scan()}>
          扫码
        </AtButton>
      ) : null}
      <Input className='jl-input' value={code} placeholder={weapp ? '或直接输入' : `请输入${label}`} maxlength={16} ariaLabel={label} disabled={busy} onInput={(e) => setCode(e.detail.value)} />
      <FormError message={shown} />
      <AtButton className='jl-button' type={weapp ? 'secondary' : 'primary'} loading={busy} disabled={busy} onClick={submit}>
        {submitText}
      </AtButton>
      {onCancel ? (
        <AtButton className='jl-button' disabled={busy} onClick={onCancel}>
          取消
        </AtButton>
      ) : null}
    </View>
  )
}
