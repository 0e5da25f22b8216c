import type { CliCommand } from '../command';
import { infoCommand } from './info';

/** Every CLI subcommand, listed statically (the help text follows this order). */
export const commands: CliCommand[] = [infoCommand];
