/**
 * The shared body of `pacer quorum status` and `pacer membership status`:
 * ask the local daemon's membership service for a report, print it as text,
 * XML or JSON, or say that no daemon answers.
 */
import type { PacerCommand } from '../../../cli/command.js';
import { ExitCode } from '../../../cli/exit-codes.js';
import { jsonResult, outputFormat, outputSink, requestLine, xmlResult } from '../../../cli/output.js';
import type { XmlElement } from '../../../cib/xml/node.js';
import { ipcCall, IpcFailure, IpcUnavailable } from '../../ipc/client.js';

export async function printReport<T>(
  cmd: PacerCommand,
  flags: { 'output-as'?: string; 'output-to'?: string },
  op: string,
  render: (report: T) => { text: string; xml: XmlElement },
): Promise<number> {
  const format = outputFormat(flags);
  const write = outputSink(cmd.ctx, flags);
  const id = (cmd.constructor as typeof PacerCommand).id;
  const tool = id.includes(' ') ? `pacer ${id}` : id;
  const request = requestLine(tool, cmd.rawArgs);
  let report: T;
  try {
    report = await ipcCall<T>(cmd.ctx.env, 'membership', op);
  } catch (e) {
    if (!(e instanceof IpcUnavailable || e instanceof IpcFailure)) throw e;
    const code = e instanceof IpcFailure ? e.code : ExitCode.DISCONNECT;
    const message = e instanceof IpcFailure ? e.message : `could not connect to the pacer daemon: ${e.reason}`;
    if (format === 'xml') write(xmlResult(request, [], code, [message]));
    else if (format === 'json') write(jsonResult(request, undefined, code, [message]));
    else cmd.ctx.err(`${tool}: ${message}\n`);
    return code;
  }
  const shown = render(report);
  if (format === 'xml') write(xmlResult(request, [shown.xml], ExitCode.OK));
  else if (format === 'json') write(jsonResult(request, report, ExitCode.OK));
  else write(shown.text);
  return ExitCode.OK;
}
