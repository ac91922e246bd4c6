import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * Reads a file named on the command line. A missing or unreadable file is bad input (exit 2), named
 * as the user wrote it.
 */
export async function readInputFile(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError([{ path: file, message: `cannot read the file: ${reason}` }], { cause: error });
  }
}
