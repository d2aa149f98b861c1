import { Option, type Command } from 'commander';
import { CountersignClient } from './client.js';

/** What every command needs from the program: a client for the server, and how to print. */
export interface Cli {
  client(): CountersignClient;
  /** `--json`: print the server's JSON instead of a summary. */
  json(): boolean;
  /** Prints `value` as JSON under `--json`, otherwise runs the human view. */
  output(value: unknown, human: () => void): void;
}

interface GlobalOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/**
 * The program's options (`--url`, `--api-key`, `--json`) are read from the command that runs and
 * then from each parent up to the program, so that they work before or after the command's name.
 */
export function createCli(program: Command): Cli {
  let running: Command = program;
  program.hook('preAction', (_program, actionCommand) => {
    running = actionCommand;
  });
  const global = <K extends keyof GlobalOptions>(name: K): GlobalOptions[K] => {
    for (let command: Command | null = running; command; command = command.parent) {
      // A command's own option of the same name (e.g. `connections add --url`) means something else.
      if (command !== program && !SHARED.get(command)?.has(name)) continue;
      const value = command.opts<GlobalOptions>()[name];
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const json = () => Boolean(global('json'));
  return {
    client: () => new CountersignClient({ url: global('url')!, apiKey: global('apiKey') }),
    json,
    output(value, human) {
      if (json()) console.log(JSON.stringify(value, null, 2));
      else human();
    },
  };
}

/** For each command, the program options it was given a copy of. */
const SHARED = new WeakMap<Command, Set<keyof GlobalOptions>>();

/**
 * Positional options (`program.enablePositionalOptions()`) keep the program from taking a
 * command's own `--url`; this gives every command a copy of the program's options instead, except
 * where the command has one of that name, so that `countersign envelopes list --json` still works.
 */
export function shareGlobalOptions(program: Command): void {
  const copies: Array<{ name: keyof GlobalOptions; flag: string; option: () => Option }> = [
    { name: 'json', flag: '--json', option: () => new Option('--json', 'print the server’s JSON instead of a summary') },
    { name: 'url', flag: '--url', option: () => new Option('--url <url>', 'where the server runs').hideHelp() },
    { name: 'apiKey', flag: '--api-key', option: () => new Option('--api-key <key>', 'API key').hideHelp() },
  ];
  const visit = (command: Command) => {
    for (const child of command.commands) {
      const own = new Set(child.options.map((option) => option.long));
      const copied = copies.filter((copy) => !own.has(copy.flag));
      for (const copy of copied) child.addOption(copy.option());
      SHARED.set(child, new Set(copied.map((copy) => copy.name)));
      visit(child);
    }
  };
  visit(program);
}

export const idempotency = (key: string | undefined): Record<string, string> => (key ? { 'idempotency-key': key } : {});

export const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

/** A count with its noun: `1 envelope`, `3 envelopes`. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

