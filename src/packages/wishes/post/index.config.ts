export default definePageConfig({
  navigationBarTitleText: '我有一个心愿',
})
