/** `npx jest -c jest.config.js`: node-side tests and component tests (e2e has its own config). */
module.exports = {
  projects: ['<rootDir>/test/jest.node.config.js', '<rootDir>/test/jest.components.config.js'],
};
