import { positional, option } from '../cli/args.js';
import type { AppContext, CliCommand } from '../kernel/capability.js';
import { AppError } from '../kernel/errors.js';
import { fetchUnderContract } from './consumer.js';

const USAGE = 'thorbecke federation fetch <contractId> <path> [--accept <media type>]';

/** `thorbecke federation fetch`: reads a provider's service under a contract; the answer goes to stdout, the trace id to stderr. */
export const federationFetchCommand: CliCommand = {
  group: 'federation',
  name: 'fetch',
  usage: '<id> <path>',
  summary: 'read a peer’s service under contract <id> over mutual TLS (--accept <type>); logged on both sides',
  async run(ctx: AppContext, args: string[]) {
    const [contractId, path] = positional(args, ['accept']);
    if (!contractId || !path?.startsWith('/')) {
      console.error(`Usage: ${USAGE}`);
      return 2;
    }
    try {
      const answer = await fetchUnderContract(ctx, contractId, path, { accept: option(args, 'accept') });
      process.stdout.write(answer.body);
      console.error(`trace ${answer.traceId} (${answer.contentType ?? 'no content type'}, ${answer.body.length} bytes)`);
      return 0;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      console.error(`${error.code}: ${error.detail ?? error.title}`);
      return 1;
    }
  },
};
