import Taro from '@tarojs/taro'

/**
 * A chosen photo's bytes as base64, for `dispatch.uploadPhoto`. weapp reads the temp file with
 * the file system manager; H5 gets a blob URL from chooseImage and reads it with FileReader.
 */
export function readBase64(path: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    return new Promise((resolve, reject) => {
      Taro.getFileSystemManager().readFile({
        filePath: path,
        encoding: 'base64',
        success: (r) => resolve(String(r.data)),
        fail: reject,
      })
    })
  }
  return fetch(path)
    .then((r) => r.blob())
    .then(
      (blob) =>
        new Promise<string>((resolve, reject) => {
          const reader = new FileReader()
          reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
          reader.onerror = () => reject(reader.error)
          reader.readAsDataURL(blob)
        }),
    )
}
