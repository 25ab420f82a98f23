export default definePageConfig({
  navigationBarTitleText: '登记心愿已送达',
})
