import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './client.js';

/**
 * Questions asked on the terminal. Prompts go to stderr, so that stdout carries only the command's
 * result (and stays clean JSON under `--json`).
 */
export interface Prompter {
  ask(question: string, options?: { default?: string }): Promise<string>;
  /** Nothing typed is echoed: for secrets. */
  askSecret(question: string): Promise<string>;
  close(): void;
}

export const canPrompt = (): boolean => Boolean(process.stdin.isTTY);

export function createPrompter(): Prompter {
  let muted = false;
  // readline echoes what is typed through its output; muting that output hides a secret as it is typed.
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const lines: Interface = createInterface({ input: process.stdin, output, terminal: true });
  let closed = false;
  lines.on('close', () => (closed = true));
  // Without a listener readline only pauses on Ctrl-C; a person pressing it means "stop".
  lines.on('SIGINT', () => {
    process.stderr.write('\n');
    lines.close();
    process.exit(130);
  });
  const question = (text: string) =>
    new Promise<string>((resolveAnswer, reject) => {
      const inputClosed = () => new CliError('The input was closed before every value was given; nothing was created.');
      if (closed) return reject(inputClosed());
      const onClose = () => reject(inputClosed());
      lines.once('close', onClose);
      lines.question(text, (answer) => {
        lines.off('close', onClose);
        resolveAnswer(answer.trim());
      });
    });

  return {
    async ask(text, options = {}) {
      for (;;) {
        const suffix = options.default ? ` [${options.default}]` : '';
        const answer = (await question(`${text}${suffix}: `)) || options.default || '';
        if (answer !== '') return answer;
        process.stderr.write('  (a value is needed)\n');
      }
    },
    async askSecret(text) {
      for (;;) {
        process.stderr.write(`${text} (not shown as you type): `);
        muted = true;
        let answer: string;
        try {
          answer = await question('');
        } finally {
          muted = false;
          process.stderr.write('\n');
        }
        if (answer !== '') return answer;
        process.stderr.write('  (a value is needed)\n');
      }
    },
    close: () => lines.close(),
  };
}
