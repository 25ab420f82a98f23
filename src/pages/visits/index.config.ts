export default definePageConfig({
  navigationBarTitleText: '敲门',
})
