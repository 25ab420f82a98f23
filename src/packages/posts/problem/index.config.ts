export default definePageConfig({
  navigationBarTitleText: '登记协助解决难题',
})
