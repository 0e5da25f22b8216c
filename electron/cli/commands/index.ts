import type { CliCommand } from '../command';
import { campaignCommand } from './campaign';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { filingsCommand } from './filings';
import { importCommand } from './import';
import { infoCommand } from './info';
import { networkCommand } from './network';
import { referenceCommand } from './reference';
import { sampleCommand } from './sample';

/** Every CLI subcommand, listed statically (the help text follows this order). */
export const commands: CliCommand[] = [infoCommand, importCommand, filingsCommand, referenceCommand, checkCommand, networkCommand, campaignCommand, exportCommand, sampleCommand];
