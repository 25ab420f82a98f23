import Taro from '@tarojs/taro'
import { useEffect } from 'react'

/** A page that serves two lists (mine / managed) says which one in the navigation bar. */
export function useTitle(title: string | null) {
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title })
  }, [title])
}
