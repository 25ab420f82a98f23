export default definePageConfig({
  navigationBarTitleText: '明细',
})
