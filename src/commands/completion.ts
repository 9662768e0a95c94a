import { PacerCommand, type PacerCommandClass } from '../cli/command.js';
import { bashCompletion } from '../cli/completion.js';
import { ExitCode, UsageError } from '../cli/exit-codes.js';
import { COMMANDS, toolNames } from './index.js';

export default class Completion extends PacerCommand {
  static override id = 'completion';
  static override summary = 'Print a shell completion script for pacer and its tools';
  static override synopsis = 'bash';
  static override description =
    'Prints a bash completion script covering pacer, its commands and every tool name it\n' +
    'links (cibadmin, crm_mon, ...). Load it with: source <(pacer completion bash)';
  static override pacerExamples = [
    { description: 'Install completion for all users:', command: 'pacer completion bash > /etc/bash_completion.d/pacer' },
  ];

  async exec(): Promise<number> {
    const { argv } = await this.parse(Completion, this.argv);
    const shell = argv[0] ?? 'bash';
    if (shell !== 'bash') throw new UsageError(`unsupported shell '${String(shell)}' (only bash)`);
    const loaded: Record<string, PacerCommandClass> = {};
    for (const [id, load] of Object.entries(COMMANDS)) loaded[id] = await load();
    this.ctx.out(bashCompletion(loaded, toolNames()));
    return ExitCode.OK;
  }
}
