import { build } from 'esbuild';
const r = await build({ entryPoints: ['cloudfunctions/dispatch/index.ts'], bundle: true, platform: 'node', target: 'node16', format: 'cjs', external: ['wx-server-sdk'], minify: true, write: false, metafile: true, outfile: '/tmp/x.js' });
const out = Object.values(r.metafile.outputs)[0];
const tot={};
for (const [f, v] of Object.entries(out.inputs)) { const g = f.includes('zod/v4/locales') ? 'locales' : f.includes('json-schema') ? 'zod-jsonschema' : f.includes('zod/v4/core/compile')? 'zod-compile' : f.includes('node_modules/zod') ? 'zod-other' : f.includes('node_modules') ? f.split('node_modules/')[1].split('/')[0] : 'ours'; tot[g]=(tot[g]||0)+v.bytesInOutput; }
console.log(tot, out.bytes);
