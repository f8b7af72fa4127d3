/** A catalogue as the tests read it: nested sections of texts. */
export type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as `a.b.c` → text. */
export function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') found.set(path, value);
    else for (const [inner, text] of leaves(value, path)) found.set(inner, text);
  }
  return found;
}
