import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

import devConfig from './dev'
import prodConfig from './prod'

/**
 * Taro build configuration for both targets.
 * - weapp: `taro build --type weapp` → dist/weapp (project.config.json's miniprogramRoot)
 * - H5:    `taro build --type h5`    → dist/h5 (served by the local cloud)
 *
 * Sizes in SCSS are written in design px for a 750-wide design (designWidth 750): pxtransform
 * turns 36px into 36rpx on weapp and 0.9rem on H5, where the html font-size is 20px at a
 * 375px-wide viewport — both are 18 CSS px on a 375-wide phone.
 */

/** taro-ui's Sass is written for an older Sass; keep its deprecation noise out of build logs. */
const sassLoaderOption = {
  sassOptions: {
    quietDeps: true,
    silenceDeprecations: ['import', 'slash-div', 'global-builtin', 'color-functions', 'legacy-js-api'],
  },
}

/** types/ is outside src/: its labels (types/labels.ts) are values the app bundles, so compile it too. */
const compile = { include: [path.resolve(__dirname, '..', 'types')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jinlin',
    date: '2025-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // JINLIN_OUT lets two builds run side by side (e.g. while developing two pillars at once).
    outputRoot: process.env.JINLIN_OUT ?? (isH5 ? 'dist/h5' : 'dist/weapp'),
    // weapp: WeChat's aria-label / aria-role on view, text and button (see the plugin).
    plugins: [path.resolve(__dirname, 'plugins/weapp-a11y.js')],
    alias: {
      '@/types': path.resolve(__dirname, '..', 'types'),
      // Everything else under @/ is the app's own source (src/).
      '@': path.resolve(__dirname, '..', 'src'),
    },
    defineConstants: {
      // H5 only: where the local cloud's HTTP API lives. '' = same origin as the page.
      'process.env.JINLIN_API_BASE': JSON.stringify(process.env.JINLIN_API_BASE ?? ''),
    },
    // H5 only: the favicon a browser asks for at /favicon.ico (the mini-program has none).
    copy: { patterns: isH5 ? [{ from: 'src/assets/favicon.ico', to: `${process.env.JINLIN_OUT ?? 'dist/h5'}/favicon.ico` }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
      sassLoaderOption,
      optimizeMainPackage: { enable: true },
      // Component styles have no order-dependent overlaps (overrides use .jl-theme specificity).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      esnextModules: ['taro-ui'],
      sassLoaderOption,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The H5 build is the local demo, served from this machine; its size is reported by the
      // build script rather than warned about on every build.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
