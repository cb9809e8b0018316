import { runCli } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a terminal (`isTTY`) or a pipe would see it. */
export async function cli(args: string[], isTTY = false): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY, env: {} });
  return { code, stdout, stderr };
}
