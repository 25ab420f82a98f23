import { createElement, type PropsWithChildren } from 'react'

import { initCloud } from './services/api'
import { SessionProvider } from './store/session'
import './app.scss'

// WeChat only: bind wx.cloud to our environment before any page calls a function.
initCloud()

/** The app shell: one session store around every page, so identity and 长辈模式 are shared. */
function App({ children }: PropsWithChildren) {
  return createElement(SessionProvider, null, children)
}

export default App
