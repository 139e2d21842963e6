// Module resolution hook used only when bin/dlgeom.js runs the TypeScript sources: the bare
// specifier 'dlgeom' resolves to src/index.ts (the sources being run), never to a stale dist/.
let index;
export function initialize(data) {
  index = data.index;
}
export async function resolve(specifier, context, next) {
  if (specifier === 'dlgeom') return { url: index, shortCircuit: true };
  return next(specifier, context);
}
