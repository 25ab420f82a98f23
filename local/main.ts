/** Entry point of `npm start` (built to build/local/server.js): the local cloud with its environment. */
import path from 'node:path';
import { startServer } from './server';

const root = process.cwd();
startServer({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: path.resolve(root, process.env.JINLIN_DATA ?? '.data'),
  webDir: path.resolve(root, process.env.JINLIN_WEB ?? 'dist/h5'),
  functionsDir: path.resolve(root, process.env.JINLIN_FUNCTIONS ?? 'build/cloudfunctions'),
  seed: process.env.JINLIN_SEED !== '0',
}).then(
  ({ url, server, local }) => {
    console.log(`近邻 Jinlin local cloud: ${url}  (API ${url}api, demo users ${url}api/dev/users)`);
    const stop = () => {
      server.close();
      local.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
