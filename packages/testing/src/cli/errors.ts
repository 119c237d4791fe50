/** What the CLI was asked cannot be done: a missing folder, a sandbox that does not answer. */
export class CliUsageError extends Error {
  readonly code = 'CLI_USAGE' as const;
  override get name(): 'CliUsageError' {
    return 'CliUsageError';
  }
}
