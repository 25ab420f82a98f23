/** Node-side tests: pure core tables, functions against the local cloud, the local cloud itself. */
const path = require('node:path');

module.exports = {
  displayName: 'node',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/{core,functions,local,deploy,scripts}/**/*.test.ts'],
  transform: { '^.+\\.(ts|tsx|js|mjs)$': '<rootDir>/test/esbuild-transform.js' },
  transformIgnorePatterns: ['/node_modules/(?!mingo)'],
  moduleNameMapper: { '^@/types/(.*)$': '<rootDir>/types/$1' },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  testTimeout: 30000,
};
