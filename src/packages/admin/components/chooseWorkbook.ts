import Taro from '@tarojs/taro'

import { readBase64 } from '@/components/form/readPhoto'

/** A chosen workbook: its name, and how it reaches storage (a WeChat temp file, or H5 bytes). */
export type ChosenWorkbook = { name: string } & ({ filePath: string } | { base64: string })

/** WeChat: a file from a chat (chooseMessageFile). H5: an <input type=file>, read as base64. */
export function chooseWorkbook(): Promise<ChosenWorkbook | null> {
  if (process.env.TARO_ENV === 'weapp') {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] }).then(
      (r) => (r.tempFiles[0] ? { name: r.tempFiles[0].name, filePath: r.tempFiles[0].path } : null),
      () => null,
    )
  }
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.style.display = 'none'
    document.body.appendChild(input)
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const url = URL.createObjectURL(file)
      readBase64(url).then(
        (base64) => {
          URL.revokeObjectURL(url)
          resolve({ name: file.name, base64 })
        },
        () => resolve(null),
      )
    }
    input.click()
  })
}
