import Taro from '@tarojs/taro'

/** Ask before an irreversible step. `confirmText` must be ≤ 4 characters (WeChat's limit). */
export async function confirmStep(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  const res = await Taro.showModal({
    title,
    content,
    confirmText: confirmText.length <= 4 ? confirmText : '确定',
    cancelText: '取消',
    confirmColor: '#b71c1c',
  })
  return !!res.confirm
}
