export default definePageConfig({
  navigationBarTitleText: '地区',
})
