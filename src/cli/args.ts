/** The value of `--name value` or `--name=value`. */
export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The arguments that are neither flags nor the values of the given options. */
export function positional(args: readonly string[], options: readonly string[]): string[] {
  const values = new Set(options.map((o) => args.indexOf(`--${o}`) + 1).filter((i) => i > 0));
  return args.filter((a, i) => !a.startsWith('--') && !values.has(i));
}
