import type { Migration } from 'kysely';
import * as m0001 from './0001_workspace';
import * as m0002 from './0002_filing_tables';
import * as m0003 from './0003_findings';
import * as m0005 from './0005_network';
import * as m0006 from './0006_campaigns';
import * as m0007 from './0007_profiles_dashboard';
import * as m0008 from './0008_findings_review';

/**
 * Listed statically so the bundled main process carries every migration; names sort in order.
 * 0004 was reserved for the importer and never needed; numbers are not reused.
 */
export const migrations: Record<string, Migration> = {
  '0001_workspace': m0001,
  '0002_filing_tables': m0002,
  '0003_findings': m0003,
  '0005_network': m0005,
  '0006_campaigns': m0006,
  '0007_profiles_dashboard': m0007,
  '0008_findings_review': m0008,
};
