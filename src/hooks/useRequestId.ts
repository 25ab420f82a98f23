import { useCallback, useState } from 'react'

/** A fresh client request id (the server derives what a create makes from it and the caller). */
export const newRequestId = () => `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

/**
 * One request id per form submission: kept across retries of the same submission (a timeout, a
 * second tap), so the server makes one thing for it; `renew` after a submission succeeded, so the
 * next one (a second redemption, another demand) is a new request.
 */
export function useRequestId(): [string, () => void] {
  const [id, setId] = useState(newRequestId)
  const renew = useCallback(() => setId(newRequestId()), [])
  return [id, renew]
}
