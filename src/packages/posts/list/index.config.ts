export default definePageConfig({
  navigationBarTitleText: '岗位与责任区',
})
