/**
 * Component tests: the mini-program's pages and service module in jsdom, rendered through
 * Taro's H5 components with @tarojs/test-utils-react (see test/components/setup.js for the
 * Taro 4 adaptations). `npx jest -c test/jest.components.config.js`
 */
const path = require('node:path');

process.env.TZ = 'Asia/Shanghai';

module.exports = {
  displayName: 'components',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
  testMatch: ['<rootDir>/test/components/**/*.test.{ts,tsx}'],
  setupFiles: ['<rootDir>/test/components/setup-env.js'],
  setupFilesAfterEnv: ['<rootDir>/test/components/setup.js'],
  transform: {
    '^.+\\.(ts|tsx|js|jsx|mjs|cjs)$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' }, modules: 'commonjs' }],
          ['@babel/preset-react', { runtime: 'automatic' }],
          '@babel/preset-typescript',
        ],
      },
    ],
  },
  // Taro, taro-ui and their ESM-only dependencies are shipped untranspiled.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@tarojs|taro-ui|@stencil|swiper|ssr-window|dom7|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
  ],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@/types/(.*)$': '<rootDir>/types/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/components/style-stub.js',
    '^@tarojs/taro$': '@tarojs/test-utils-react/dist/jest/runtime/taro-h5.js',
    '^@tarojs/components$': '@tarojs/components/lib/react/index',
  },
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    __TARO_FRAMEWORK__: 'react',
  },
};
