// Module resolution hook used only when bin/dlgeom.js runs the TypeScript sources: the bare
// specifier 'dlgeom' resolves to src/index.ts (the sources being run), never to a stale dist/.
// It is handed on down the chain as that file's URL, so tsx's hooks load it as TypeScript.
let index;
export function initialize(data) {
  index = data.index;
}
export async function resolve(specifier, context, next) {
  return next(specifier === 'dlgeom' ? index : specifier, context);
}
