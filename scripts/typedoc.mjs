// npm run docs: TypeDoc, run on the TypeScript it supports.
//
// TypeDoc 0.28 supports TypeScript up to 6.0 and uses its JavaScript API; this repo builds
// with TypeScript 7 (native tsc). TypeScript 6 is installed beside it under the npm alias
// `typescript-6`, and a loader hook hands it to TypeDoc's own imports of 'typescript' only
// (package.json's `overrides` lets TypeDoc's peer dependency accept the root's TypeScript,
// which it then never loads). Arguments are passed through to TypeDoc's CLI.
import { register } from 'node:module';

register('./typedoc-typescript-hook.mjs', import.meta.url);
// TypeDoc's bin forks dist/cli.js, which would lose the hook; run the CLI in this process.
await import(new URL('cli.js', import.meta.resolve('typedoc')).href);
