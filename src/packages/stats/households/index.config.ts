export default definePageConfig({
  navigationBarTitleText: '超期重点户',
})
