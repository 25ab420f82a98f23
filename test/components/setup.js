/**
 * @tarojs/test-utils-react 0.1.1 was written for Taro 3.6. With Taro 4 it needs:
 * - @tarojs/taro loaded before the test utils (it wires the H5 runtime),
 * - @tarojs/router adapted to Taro 4's createRouter(history, app, config, framework) signature,
 * - createH5NativeComponentConfig(null, React, ReactDOM) so Taro's React runtime knows React,
 * - Taro.initPxTransform, which the generated H5 entry would call.
 */
const Taro = require('@tarojs/taro');

// The H5 entry Taro generates does this from config/index.ts; taro-ui calls Taro.pxTransform.
Taro.initPxTransform({ designWidth: 750, deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 } });

jest.mock('@tarojs/router', () => {
  const actual = jest.requireActual('@tarojs/router');
  return {
    ...actual,
    // Taro 3.6 called createRouter(app, config, framework); Taro 4 takes the history first.
    createRouter: (app, config, framework) => {
      actual.setHistoryMode('hash');
      return actual.createRouter(actual.history, app, config, framework);
    },
  };
});

const React = require('react');
const ReactDOM = require('react-dom');
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime');

createH5NativeComponentConfig(null, React, ReactDOM);

// test-utils 0.1.1 calls react-dom/test-utils' act, which React 18.3 marks deprecated. Drop only that line.
const consoleError = console.error;
console.error = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('ReactDOMTestUtils.act` is deprecated')) return;
  consoleError(...args);
};
