import Taro from '@tarojs/taro'

/** Text scale at or above which 长辈模式 is on by default (MIIT: 1.3× is "large text"). */
export const ELDER_SCALE_THRESHOLD = 1.3

/**
 * The device's text scale: WeChat's own font-size setting (关怀模式 / 字体大小) in weapp,
 * 1 where the platform does not report one (H5, tests).
 */
export function deviceFontScale(): number {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      if (typeof wx !== 'undefined' && typeof wx.getAppBaseInfo === 'function') {
        return wx.getAppBaseInfo().fontSizeScaleFactor || 1
      }
      const info = Taro.getSystemInfoSync() as { fontSizeScaleFactor?: number }
      return info.fontSizeScaleFactor || 1
    }
  } catch {
    // Older base libraries: no scale reported.
  }
  return 1
}

/** Elder mode when the person has not chosen: on if the device already enlarges text. */
export function deviceWantsElderMode(): boolean {
  return deviceFontScale() >= ELDER_SCALE_THRESHOLD
}
