export default definePageConfig({
  navigationBarTitleText: '楼栋码',
})
