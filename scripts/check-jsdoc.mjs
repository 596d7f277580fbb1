// Part of `npm run docs`: TypeDoc's `notDocumented` check only asks for *a* comment, so this
// reads TypeDoc's JSON output and fails unless every public function's comment has what
// the project's JSDoc shape asks for: a summary, `@throws` (saying "Never" where nothing
// can be thrown) and an `@example` whose result is shown as `//=>`.
import { readFileSync } from 'node:fs';

const [jsonPath] = process.argv.slice(2);
if (jsonPath === undefined) throw new Error('usage: node scripts/check-jsdoc.mjs <typedoc-output.json>');
const project = JSON.parse(readFileSync(jsonPath, 'utf8'));

const functionKind = 64; // TypeDoc's ReflectionKind.Function
const text = (parts = []) => parts.map((part) => part.text).join('');

function* functions(reflection, path) {
  if (reflection.kind === functionKind) yield [path, reflection];
  for (const child of reflection.children ?? []) yield* functions(child, path === '' ? child.name : `${path}.${child.name}`);
}

const problems = [];
let checked = 0;
for (const [path, fn] of functions(project, '')) {
  for (const signature of fn.signatures ?? []) {
    checked++;
    const comment = signature.comment ?? {};
    const tags = comment.blockTags ?? [];
    const missing = [];
    if (text(comment.summary).trim() === '') missing.push('a summary');
    if (!tags.some((tag) => tag.tag === '@throws')) missing.push('@throws');
    const examples = tags.filter((tag) => tag.tag === '@example').map((tag) => text(tag.content));
    if (examples.length === 0) missing.push('@example');
    else if (!examples.some((example) => example.includes('//=>'))) missing.push('a `//=>` result in its @example');
    if (missing.length > 0) problems.push(`${path}: missing ${missing.join(', ')}`);
  }
}

if (checked === 0) throw new Error(`${jsonPath}: no functions found; is it TypeDoc's JSON output?`);
for (const problem of problems) console.error(problem);
console.log(`check-jsdoc: ${checked} public functions, ${problems.length} with missing JSDoc`);
if (problems.length > 0) process.exit(1);
