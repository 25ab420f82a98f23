import { useCallback, useState } from 'react'

import type { DemandDetail } from '@/types/dispatch'

import { backToDetail } from './FormGate'
import { announce, messageOf } from './useDemand'

/**
 * A form page that sends one step (派单, 办结, 评价): its error and busy state, and `send`, which
 * makes the request, tells every open page the new detail and returns to it — or shows the
 * server's Chinese message and stays.
 */
export function useStepForm() {
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const send = useCallback(async (request: () => Promise<DemandDetail>, done: string) => {
    setBusy(true)
    try {
      announce(await request())
      backToDetail(done)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }, [])
  return { error, setError, busy, send }
}
