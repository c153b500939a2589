// Input the user must fix (a flag, a config file, a log format): the CLI prints its message on one line, never a
// stack, and exits 2. Every such error extends this class; anything else is a bug and shows its stack.

export class UserError extends Error {
  override name = 'UserError';
}
