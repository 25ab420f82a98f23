import Taro from '@tarojs/taro'
import { useState } from 'react'

import Section from '@/components/Section'
import Toggle from '@/components/Toggle'
import { isApiCallError, NETWORK_MESSAGE } from '@/services/api'
import { useSession } from '@/store/session'

/** The 长辈模式 switch. The choice is saved with org.setElderMode and wins over the device setting. */
export default function ElderModeSection() {
  const { elderMode, setElderMode } = useSession()
  const [busy, setBusy] = useState(false)

  const change = async (on: boolean) => {
    setBusy(true)
    try {
      await setElderMode(on)
    } catch (e) {
      void Taro.showToast({ title: isApiCallError(e) ? e.message : NETWORK_MESSAGE, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section>
      <Toggle
        label='长辈模式'
        description='字更大、按钮更大，看得清、点得准'
        checked={elderMode}
        busy={busy}
        onChange={(on) => void change(on)}
      />
    </Section>
  )
}
