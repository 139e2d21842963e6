#!/usr/bin/env node
/**
 * Module hygiene of src/: import cycles (type-only imports included) and dead value exports —
 * exported functions, classes and constants no file of src/, test/, bench/, properties/, proofs/, fuzz/, scripts/
 * imports, that are not part of the public API (src/index.ts, src/prove/index.ts).
 * Relative imports only; a dynamic import() or `import *` counts as using every name.
 * Usage: node scripts/exports.mjs [--types] [--local]   (exit 1 when it finds a dead value export or a cycle;
 * --types also lists exported types no other file imports, which are often part of a signature;
 * --local lists exported values used only inside their own file)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'test', 'bench', 'properties', 'proofs', 'fuzz', 'scripts', 'templates'];
const PUBLIC = ['src/index.ts', 'src/prove/index.ts'];
/** Loaded by name, not imported: Node's module hooks (module.register in src/prove/load.ts). */
const ENTRY_POINTS = ['src/prove/compiled-redirect-hooks.ts'];

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules') continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|mjs|js)$/.test(e)) out.push(p);
  }
  return out;
}

const files = ROOTS.flatMap((r) => walk(r));
const exportsOf = new Map(); // file -> Set(name)
const used = new Map(); // file -> Set(name) | 'all'
const typeNames = new Set(); // `file:name` of exported interfaces and type aliases
const edges = new Map(); // file -> Set(file)
const use = (file, name) => {
  if (used.get(file) === 'all') return;
  if (name === '*') return used.set(file, 'all');
  if (!used.has(file)) used.set(file, new Set());
  used.get(file).add(name);
};

for (const file of files) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = new Set();
  const resolve = (spec) => (spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : undefined);
  const edge = (target) => {
    if (!target) return;
    if (!edges.has(file)) edges.set(file, new Set());
    edges.get(file).add(target);
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolve(node.moduleSpecifier.text);
      edge(target);
      const clause = node.importClause;
      if (target && clause) {
        if (clause.name) use(target, 'default');
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) use(target, '*');
        if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) use(target, (el.propertyName ?? el.name).text);
      }
    } else if (ts.isExportDeclaration(node)) {
      const target = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? resolve(node.moduleSpecifier.text) : undefined;
      edge(target);
      if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) {
          names.add(el.name.text);
          if (node.isTypeOnly || el.isTypeOnly) typeNames.add(`${file}:${el.name.text}`);
          if (target) use(target, (el.propertyName ?? el.name).text);
        }
      } else if (target) use(target, '*');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const target = resolve(node.arguments[0].text);
      edge(target);
      if (target) use(target, '*');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const target = resolve(node.argument.literal.text);
      edge(target);
      if (target) use(target, node.qualifier && ts.isIdentifier(node.qualifier) ? node.qualifier.text : '*');
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      edge(resolve(node.name.text)); // `declare module '…'` augments that module
    }
    const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    if (mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && node.parent === sf) {
      if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) ts.isIdentifier(d.name) && names.add(d.name.text);
      else if (node.name && ts.isIdentifier(node.name)) {
        const name = mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : node.name.text;
        names.add(name);
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) typeNames.add(`${file}:${name}`);
      }
    }
    if (ts.isExportAssignment(node)) names.add('default');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  exportsOf.set(file, names);
}

// Dead exports of src/.
const dead = [];
// Exported types nobody imports: often the named type of an exported signature, reported for reading only.
const deadTypes = [];
// Exported values used only inside their own file (informational).
const localOnly = [];
for (const [file, names] of exportsOf) {
  if (!file.startsWith('src' + path.sep) || PUBLIC.includes(file) || ENTRY_POINTS.includes(file)) continue;
  const u = used.get(file);
  if (u === 'all') continue;
  const text = readFileSync(file, 'utf8');
  for (const n of names) {
    if (u?.has(n)) continue;
    if (typeNames.has(`${file}:${n}`)) deadTypes.push(`${file}: ${n}`);
    // Used in its own file: only the `export` is superfluous; unused anywhere: dead code.
    else if ((text.match(new RegExp(`\\b${n}\\b`, 'g')) ?? []).length > 1) localOnly.push(`${file}: ${n}`);
    else dead.push(`${file}: ${n}`);
  }
}

// Import cycles within src/ (Tarjan's strongly connected components).
const srcFiles = files.filter((f) => f.startsWith('src' + path.sep));
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const cycles = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!w.startsWith('src' + path.sep)) continue;
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const comp = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1) cycles.push(comp.sort());
  }
}
for (const f of srcFiles) if (!idx.has(f)) strong(f);

if (process.argv.includes('--types')) {
  console.log(`exported types no other file imports (${deadTypes.length}; informational):`);
  for (const d of deadTypes.sort()) console.log(`  ${d}`);
}
if (process.argv.includes('--local')) {
  console.log(`exported values used only in their own file (${localOnly.length}; informational):`);
  for (const d of localOnly.sort()) console.log(`  ${d}`);
}
console.log(`dead value exports: used nowhere, not public API (${dead.length}):`);
for (const d of dead.sort()) console.log(`  ${d}`);
console.log(`import cycles in src/ (${cycles.length}):`);
for (const c of cycles) console.log(`  ${c.join(' ↔ ')}`);
process.exit(dead.length || cycles.length ? 1 : 0);
