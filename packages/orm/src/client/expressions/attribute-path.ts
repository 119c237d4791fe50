/** The top-level attribute a path starts at: `address.city` → `address`, `tags[0]` → `tags`. */
export function rootOf(path: string): string {
  const end = path.search(/[.[]/);
  return end === -1 ? path : path.slice(0, end);
}
