export default definePageConfig({
  navigationBarTitleText: '重点户信息',
})
