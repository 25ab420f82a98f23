import { createElement, type PropsWithChildren } from 'react'

import { DocumentTheme } from './components/Page'
import { initCloud } from './services/api'
import { SessionProvider } from './store/session'
import './app.scss'

// WeChat only: bind wx.cloud to our environment before any page calls a function.
initCloud()

/**
 * The app shell: one session store around every page, so identity and 长辈模式 are shared; on H5
 * the theme also goes on <html> for the tab bar.
 */
function App({ children }: PropsWithChildren) {
  return createElement(SessionProvider, null, createElement(DocumentTheme), children)
}

export default App
