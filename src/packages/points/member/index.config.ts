export default definePageConfig({
  navigationBarTitleText: '双认双评',
})
