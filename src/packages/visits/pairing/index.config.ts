export default definePageConfig({
  navigationBarTitleText: '安排包挂',
})
