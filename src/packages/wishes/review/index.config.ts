export default definePageConfig({
  navigationBarTitleText: '审核微心愿',
})
