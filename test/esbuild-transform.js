// Jest transform for the node-side tests (core, functions, local cloud): esbuild strips the types,
// which is all these files need and is far faster than Babel.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') ? 'ts' : 'js';
    const out = transformSync(source, { loader, format: 'cjs', target: 'node20', sourcemap: 'inline', sourcefile: filename });
    return { code: out.code };
  },
};
