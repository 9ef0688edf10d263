/** Bad input from the user (a flag, a header, a selection, a shard): one line, exit 2. */
export class InputError extends Error {}
