export default definePageConfig({
  navigationBarTitleText: '三率',
})
