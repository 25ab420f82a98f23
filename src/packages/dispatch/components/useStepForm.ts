import { useCallback } from 'react'

import type { DemandDetail } from '@/types/dispatch'

import { useAction } from '@/hooks/useAction'
import { backToDetail } from './FormGate'
import { announce } from './useDemand'

/**
 * A form page that sends one step (派单, 办结, 评价): its error and busy state, and `send`, which
 * makes the request, tells every open page the new detail and returns to it — or shows the
 * server's Chinese message and stays.
 */
export function useStepForm() {
  const { error, setError, busy, run } = useAction()
  const send = useCallback(
    async (request: () => Promise<DemandDetail>, done: string) => {
      const detail = await run(request)
      if (!detail) return
      announce(detail)
      backToDetail(done)
    },
    [run],
  )
  return { error, setError, busy, send }
}
