/** End-to-end tests: the built H5 app and functions, served by the local cloud, driven in Chromium. */
const path = require('node:path');

module.exports = {
  displayName: 'e2e',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
  transform: { '^.+\\.(ts|tsx|js)$': '<rootDir>/test/esbuild-transform.js' },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  // A test is a person's whole path through several pages; each wait inside it is on a condition
  // (test/e2e/browser.ts WAIT), so this only bounds a test that is stuck.
  testTimeout: 180000,
  // One browser and one server per file; files run one at a time on a 2-core machine.
  maxWorkers: 1,
};
