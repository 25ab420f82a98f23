/** `npx jest -c jest.config.js`: node-side tests and component tests (e2e has its own config). */
module.exports = {
  projects: ['<rootDir>/test/jest.node.config.js', '<rootDir>/test/jest.components.config.js'],
  // testTimeout is a global option: set in a project's config it is ignored when run through
  // `projects`. Concurrency tests against the local cloud take seconds on a loaded 2-core machine.
  testTimeout: 30000,
};
