export default definePageConfig({
  navigationBarTitleText: '查阅记录',
})
