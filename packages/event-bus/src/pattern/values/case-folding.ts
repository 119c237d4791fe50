/** The form two strings are compared in by the `equals-ignore-case` family of operators. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}
