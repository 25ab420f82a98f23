/**
 * Taro plugin: lets `ariaLabel`, `ariaRole` (and `aria-checked`) reach WeChat's own accessibility
 * attributes (aria-label / aria-role on view, text, button). Taro's weapp templates only bind the
 * attributes they know, and these are not among them; H5 needs nothing (string props become
 * dashed DOM attributes there).
 *
 * Two halves, like @tarojs/plugin-inject: the template learns the attributes at build time, and
 * src/runtime/weapp-a11y.ts teaches the runtime the same list.
 */
const path = require('node:path');

const attributes = require('../../src/runtime/a11y-attributes.json');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV !== 'weapp') return;
      platform.template.mergeComponents(ctx, attributes);
      const runtime = path.resolve(__dirname, '../../src/runtime/weapp-a11y.ts');
      platform.runtimePath = Array.isArray(platform.runtimePath)
        ? [...platform.runtimePath, runtime]
        : [platform.runtimePath, runtime];
    },
  });
};
