import { View } from '@tarojs/components'

import './FormError.scss'

/** The reason a step was refused or cannot be sent yet, read out at once (role alert); nothing when there is none. */
export default function FormError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <View className='jl-form-error' role='alert' ariaRole='alert'>
      {message}
    </View>
  )
}
