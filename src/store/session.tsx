/**
 * The session store: who the caller is (`org.me`) and the 长辈模式 that follows from it.
 * One provider in the app shell; every page reads it, so an identity switch or an elder-mode
 * change reaches all pages at once.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'

import type { Me } from '@/types/domain'

import { ApiCallError, call, getDemoOpenid, isApiCallError, isLocalMode, NETWORK_MESSAGE, setDemoOpenid } from '@/services/api'
import { deviceWantsElderMode } from './device'

export type SessionState =
  | { status: 'loading' }
  /** H5 only: no demo identity chosen yet (or the chosen one is unknown to the server). */
  | { status: 'noIdentity' }
  /** The caller has an openid but no user record yet: show the register form. */
  | { status: 'notRegistered' }
  | { status: 'error'; error: ApiCallError }
  | { status: 'ready'; me: Me }

export interface Session {
  state: SessionState
  /** The profile when ready, else null. */
  me: Me | null
  /** Effective 长辈模式: the person's choice, else the device setting. */
  elderMode: boolean
  /** Load `org.me` again (after an error, an identity switch, a registration). */
  reload: () => Promise<void>
  /** Replace the profile with one an action returned (register, bindBuilding, setElderMode). */
  setMe: (me: Me) => void
  /** Save the person's 长辈模式 choice on the server; it wins over the device from then on. */
  setElderMode: (on: boolean) => Promise<void>
  /** H5 only: act as another demo user. */
  switchIdentity: (openid: string | null) => Promise<void>
  /** H5 only: the demo openid in use. */
  demoOpenid: string | null
}

const SessionContext = createContext<Session | null>(null)

function toApiError(e: unknown): ApiCallError {
  return isApiCallError(e) ? e : new ApiCallError('NETWORK', NETWORK_MESSAGE)
}

export function SessionProvider({ children }: { children?: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [demoOpenid, setDemoOpenidState] = useState<string | null>(() => getDemoOpenid())
  /** A 长辈模式 choice not yet saved (being saved, or made before the person registered). */
  const [pendingElder, setPendingElderState] = useState<boolean | null>(null)
  const pendingRef = useRef<boolean | null>(null)
  const meRef = useRef<Me | null>(null)
  const deviceElder = useMemo(() => deviceWantsElderMode(), [])
  /** Bumped on every new load or replacement, so a late answer never overwrites a newer one. */
  const generation = useRef(0)

  const me = state.status === 'ready' ? state.me : null
  useEffect(() => {
    meRef.current = me
  }, [me])

  const setPending = useCallback((on: boolean | null) => {
    pendingRef.current = on
    setPendingElderState(on)
  }, [])

  const reload = useCallback(async () => {
    const mine = ++generation.current
    if (isLocalMode() && !getDemoOpenid()) {
      setState({ status: 'noIdentity' })
      return
    }
    setState({ status: 'loading' })
    try {
      const loaded = await call('org', 'me', {})
      if (mine === generation.current) setState({ status: 'ready', me: loaded })
    } catch (e) {
      if (mine !== generation.current) return
      const error = toApiError(e)
      if (error.code === 'NOT_REGISTERED') setState({ status: 'notRegistered' })
      else if (error.code === 'UNAUTHENTICATED' && isLocalMode()) setState({ status: 'noIdentity' })
      else setState({ status: 'error', error })
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const saveElder = useCallback(
    async (on: boolean) => {
      try {
        const updated = await call('org', 'setElderMode', { elderMode: on })
        generation.current++
        meRef.current = updated
        setState({ status: 'ready', me: updated })
      } catch (e) {
        throw toApiError(e)
      } finally {
        if (pendingRef.current === on) setPending(null)
      }
    },
    [setPending],
  )

  const setMe = useCallback(
    (next: Me) => {
      generation.current++
      meRef.current = next
      setState({ status: 'ready', me: next })
      // A choice made on the register form is saved as soon as there is a profile to save it on.
      const pending = pendingRef.current
      if (pending !== null && next.elderMode !== pending) void saveElder(pending).catch(() => undefined)
    },
    [saveElder],
  )

  const setElderMode = useCallback(
    async (on: boolean) => {
      setPending(on)
      if (meRef.current) await saveElder(on)
    },
    [saveElder, setPending],
  )

  const switchIdentity = useCallback(
    async (openid: string | null) => {
      setDemoOpenid(openid)
      setDemoOpenidState(openid)
      setPending(null)
      await reload()
    },
    [reload, setPending],
  )

  const elderMode = pendingElder ?? me?.elderMode ?? deviceElder

  const value = useMemo<Session>(
    () => ({ state, me, elderMode, reload, setMe, setElderMode, switchIdentity, demoOpenid }),
    [state, me, elderMode, reload, setMe, setElderMode, switchIdentity, demoOpenid],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession() outside <SessionProvider>')
  return s
}
