// Parses GitHub Actions workflows with GitHub's own parser (@actions/workflow-parser), the one
// behind the Actions editor support: prints every error as FILE (Line: L, Col: C): message and
// exits 1 when there is one.
//   node scripts/lib/check-workflows.mjs NODE_TOOLS_DIR FILE...
// NODE_TOOLS_DIR is where berth_node_tools installed the parser (.berth-cache/node-tools).
import { register } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [tools, ...files] = process.argv.slice(2);
if (!tools || files.length === 0) {
  console.error('usage: node check-workflows.mjs NODE_TOOLS_DIR FILE...');
  process.exit(1);
}
// The parser's build imports its own JSON schemas without `with { type: 'json' }`, which a bundler
// accepts and Node refuses.
register('data:text/javascript,' + encodeURIComponent(`
  export async function load(url, context, next) {
    return next(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context);
  }`));
const parser = await import(pathToFileURL(join(tools, 'node_modules/@actions/workflow-parser/dist/index.js')));

let failed = false;
for (const file of files) {
  const parsed = parser.parseWorkflow({ name: file, content: readFileSync(file, 'utf8') },
    new parser.NoOperationTraceWriter());
  // Conversion checks what parsing alone does not: job needs, matrix, reusable workflow calls.
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  const messages = new Set([...parsed.context.errors.getErrors().map(e => e.message),
    ...(template.errors ?? []).map(e => e.Message)]);
  messages.forEach(m => console.log(m));
  failed ||= messages.size > 0;
}
process.exit(failed ? 1 : 0);
