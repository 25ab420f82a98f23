/**
 * weapp runtime half of config/plugins/weapp-a11y.js: Taro's runtime must know the attributes the
 * templates now bind, so that `ariaLabel` / `ariaRole` on View, Text and Button reach the page.
 */
import { mergeInternalComponents } from '@tarojs/shared'

import attributes from './a11y-attributes.json'

mergeInternalComponents(attributes)
