/**
 * Command lines as Pacemaker's tools read them (GLib and getopt rules), turned
 * into a canonical form for oclif's parser: every option in its long form,
 * values attached with "=".
 *
 * What this adds over oclif: clusters of short options ("-Ql", "-VVV"),
 * values glued to a short option ("-oresources"), short options that are not
 * letters ("-$", "-?", "-5"), options whose value is optional
 * ("--show-access[=color]"), and options that count ("-V -V").
 */
import { UsageError } from './exit-codes.js';

export interface OptionInfo {
  /** Long name without dashes. */
  name: string;
  /** Short character, if any. */
  char?: string;
  /** 'none': a switch; 'required': takes a value; 'optional': value only when attached with "=". */
  value: 'none' | 'required' | 'optional';
  /** Value used when an optional-value option is given without one. */
  implicit?: string;
  /** An optional value may also be the next argument, when that does not start with "-". */
  valueMayFollow?: boolean;
  /** Each occurrence adds one (like -V). */
  counter?: boolean;
}

export interface Normalized {
  /** Canonical argv for oclif: "--name", "--name=value", then positionals after "--". */
  argv: string[];
  /** Occurrences of counting options, by name. */
  counts: Record<string, number>;
  /** Options in the order given, canonical names (for tools where order matters). */
  order: string[];
}

export interface ParseStyle {
  /** Message for an unknown option; GLib says "Unknown option --x", getopt "unrecognized option '--x'". */
  unknown(opt: string): string;
  missing(opt: string): string;
}

export const GLIB_STYLE: ParseStyle = {
  unknown: (opt) => `Unknown option ${opt}`,
  missing: (opt) => `Missing argument for ${opt}`,
};

export const GETOPT_STYLE: ParseStyle = {
  unknown: (opt) => (opt.startsWith('--') ? `unrecognized option '${opt}'` : `invalid option -- '${opt.slice(1)}'`),
  missing: (opt) =>
    opt.startsWith('--') ? `option '${opt}' requires an argument` : `option requires an argument -- '${opt.slice(1)}'`,
};

export function normalizeArgv(args: readonly string[], options: readonly OptionInfo[], style: ParseStyle = GLIB_STYLE): Normalized {
  const byLong = new Map<string, OptionInfo>();
  const byShort = new Map<string, OptionInfo>();
  for (const o of options) {
    byLong.set(o.name, o);
    if (o.char) byShort.set(o.char, o);
  }
  const flags: string[] = [];
  const positionals: string[] = [];
  const counts: Record<string, number> = {};
  const order: string[] = [];

  const emit = (o: OptionInfo, value: string | undefined) => {
    order.push(o.name);
    if (o.counter) {
      counts[o.name] = (counts[o.name] ?? 0) + 1;
      return;
    }
    flags.push(value === undefined ? `--${o.name}` : `--${o.name}=${value}`);
  };

  let i = 0;
  /** The next argument as the value of an optional-value option that accepts it there. */
  const following = (o: OptionInfo): string | undefined => {
    const next = args[i + 1];
    if (!o.valueMayFollow || next === undefined || next.startsWith('-')) return undefined;
    i++;
    return next;
  };
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const o = byLong.get(name);
      if (!o) throw new UsageError(style.unknown(eq >= 0 ? arg.slice(0, eq) : arg));
      if (o.value === 'none') {
        if (eq >= 0) throw new UsageError(`Option --${name} does not take a value`);
        emit(o, undefined);
      } else if (eq >= 0) {
        emit(o, arg.slice(eq + 1));
      } else if (o.value === 'optional') {
        emit(o, following(o) ?? o.implicit ?? '');
      } else {
        if (i + 1 >= args.length) throw new UsageError(style.missing(`--${name}`));
        emit(o, args[++i]!);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        const o = byShort.get(c);
        if (!o) throw new UsageError(style.unknown(`-${c}`));
        if (o.value === 'none') {
          emit(o, undefined);
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') {
          emit(o, o.value === 'optional' && rest.startsWith('=') ? rest.slice(1) : rest);
        } else if (o.value === 'optional') {
          emit(o, following(o) ?? o.implicit ?? '');
        } else {
          if (i + 1 >= args.length) throw new UsageError(style.missing(`-${c}`));
          emit(o, args[++i]!);
        }
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { argv: positionals.length ? [...flags, '--', ...positionals] : flags, counts, order };
}
