import { createInterface, type Interface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

/** Why the questions stopped before the end: Ctrl-C, or the input ended (Ctrl-D, end of a pipe). */
export type PromptEnd = 'interrupted' | 'input ended';

/**
 * Asks one line at a time through node:readline, on a terminal (line editing, Ctrl-C) or on piped
 * input. Lines are read through readline's async iterator, which buffers them, so answers piped in
 * all at once are not dropped between two prompts (and are still answered after the pipe closed).
 * After Ctrl-C, or once the buffered lines run out at the end of input, `ask` answers undefined and
 * `ended` says why.
 *
 * @example const answer = await prompter.ask('owner> ') // undefined once the input has ended
 */
export class LinePrompter {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  private why: PromptEnd | undefined;

  constructor(streams: { input: Readable; output: Writable & { isTTY?: boolean }; terminal?: boolean }) {
    this.rl = createInterface({ input: streams.input, output: streams.output, terminal: streams.terminal ?? streams.output.isTTY === true });
    this.lines = this.rl[Symbol.asyncIterator]();
    this.rl.on('SIGINT', () => this.interrupt());
    this.rl.on('close', () => { this.why ??= 'input ended'; });
  }

  /** Why `ask` answered undefined (read it after it did). */
  get ended(): PromptEnd | undefined {
    return this.why;
  }

  /** Shows the prompt and waits for one line; undefined once the input has ended or was interrupted. */
  async ask(prompt: string): Promise<string | undefined> {
    if (this.interrupted()) return undefined;
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    const next = await this.lines.next();
    // Lines piped in before a Ctrl-C are not answers to give any more.
    return this.interrupted() || next.done === true ? undefined : next.value;
  }

  /** Ctrl-C (on a terminal readline reports it; otherwise the process's SIGINT handler calls this). */
  interrupt(): void {
    this.why ??= 'interrupted';
    this.rl.close();
  }

  private interrupted(): boolean {
    return this.why === 'interrupted';
  }

  close(): void {
    this.rl.close();
  }
}
