export default definePageConfig({
  navigationBarTitleText: '共建计划',
})
