import { Alert, Anchor, Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deliverExport } from '../api/download';

export interface DeliveredExport {
  exportId: string;
  fileName: string;
  outcome: Awaited<ReturnType<typeof deliverExport>>;
}

/** Exports a file and hands it over (save dialog or download) in one step, for any export API. */
export async function exportAndDeliver(run: () => Promise<{ exportId: string; fileName: string }>): Promise<DeliveredExport> {
  const { exportId, fileName } = await run();
  return { exportId, fileName, outcome: await deliverExport(exportId, fileName) };
}

/** What became of an export, with a way to get the file again. */
export function ExportNotice({ delivered }: { delivered: DeliveredExport }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState(delivered.outcome);
  const { exportId, fileName } = delivered;
  return (
    <Alert color="green" role="status" icon={<IconDownload size={18} />} data-testid="export-notice">
      {outcome === 'saved' ? t('export.saved', { file: fileName }) : t('export.generated', { file: fileName })}{' '}
      {outcome === 'downloading' && (
        <Anchor href={`/download/${encodeURIComponent(exportId)}`} download={fileName}>
          {t('export.downloadAgain')}
        </Anchor>
      )}
      {outcome === 'cancelled' && (
        <Button size="xs" variant="subtle" onClick={() => void deliverExport(exportId, fileName).then(setOutcome)}>
          {t('export.saveAs')}
        </Button>
      )}
    </Alert>
  );
}
