// Module resolve hook for scripts/typedoc.mjs: TypeDoc's `import ts from 'typescript'`
// resolves to the `typescript-6` alias; every other import resolves as usual.
export async function resolve(specifier, context, nextResolve) {
  const fromTypedoc = context.parentURL?.includes('/node_modules/typedoc/') ?? false;
  if (fromTypedoc && (specifier === 'typescript' || specifier.startsWith('typescript/'))) {
    return nextResolve(specifier.replace(/^typescript/, 'typescript-6'), context);
  }
  return nextResolve(specifier, context);
}
