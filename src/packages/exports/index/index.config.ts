export default definePageConfig({
  navigationBarTitleText: '导出与月报',
})
