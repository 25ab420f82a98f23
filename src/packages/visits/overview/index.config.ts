export default definePageConfig({
  navigationBarTitleText: '社区走访概况',
})
