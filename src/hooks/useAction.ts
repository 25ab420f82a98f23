import { useCallback, useRef, useState } from 'react'

import { messageOf } from '@/hooks/useLoad'

/**
 * One step a person takes on a page (send a form, press 核销): busy while it runs, so the button
 * cannot send twice; the server's Chinese message when it is refused. `run` resolves with the
 * step's answer, or undefined when it failed.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const running = useRef(false)
  const run = useCallback(async <T>(step: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError('')
    try {
      return await step()
    } catch (e) {
      setError(messageOf(e))
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
