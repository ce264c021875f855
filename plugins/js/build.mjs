// Builds a JavaScript plugin into a component: `node build.mjs PLUGIN.js CONTRACT.wit OUT.wasm`
// (what `jaring plugin build <folder>` runs). ComponentizeJS embeds the SpiderMonkey engine
// and the plugin's code; every WASI feature is left out, so the component imports nothing
// but the contract's host log, as jaring requires.
import { componentize } from '@bytecodealliance/componentize-js';
import { writeFile } from 'node:fs/promises';

const [source, wit, out] = process.argv.slice(2);
if (!source || !wit || !out) {
  console.error('usage: node build.mjs PLUGIN.js CONTRACT.wit OUT.wasm');
  process.exit(2);
}
const { component } = await componentize({
  sourcePath: source,
  witPath: wit,
  worldName: 'region-plugin',
  disableFeatures: ['random', 'stdio', 'clocks', 'http', 'fetch-event'],
});
await writeFile(out, component);
