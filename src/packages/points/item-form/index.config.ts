export default definePageConfig({
  navigationBarTitleText: '上架兑换物品',
})
