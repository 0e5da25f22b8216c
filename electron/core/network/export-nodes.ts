import type { GraphView, NodeKind } from '@shared/api/network';
import { SEVERITY_LABELS } from '@shared/domain/rules';

const KIND_LABELS: Record<NodeKind, string> = { account: '账号', subject: '实名主体', mcn: 'MCN机构', identifier: '共用标识', burst: '雷同内容批量发布' };

/**
 * Platform data reaches the sheet as text: a cell starting with = + - @ or a control character
 * would become a formula when an inspector edits it in Excel (measured-notes), so it is quoted.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

/** The node list of a view as an xlsx workbook (exceljs loaded on first use: it costs up to a second). */
export async function nodeListWorkbook(graph: GraphView, keys: ReadonlySet<string> | null): Promise<{ buffer: Buffer; rows: number }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('节点');
  sheet.columns = [
    { header: '类型', key: 'kind', width: 14 },
    { header: '标识', key: 'ref', width: 28 },
    { header: '名称', key: 'label', width: 28 },
    { header: '粉丝数', key: 'followers', width: 12 },
    { header: '最高风险', key: 'severity', width: 10 },
    { header: '核查发现数', key: 'findings', width: 12 },
    { header: '社区', key: 'community', width: 8 },
    { header: '连接数', key: 'degree', width: 8 },
  ];
  sheet.getRow(1).font = { bold: true };
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    if (keys && !(keys.has(e.source) && keys.has(e.target))) continue;
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  let rows = 0;
  for (const n of graph.nodes) {
    if (keys && !keys.has(n.key)) continue;
    sheet.addRow({
      kind: KIND_LABELS[n.kind],
      ref: neutralise(n.ref),
      label: neutralise(n.label),
      followers: n.followers,
      severity: n.severity ? SEVERITY_LABELS[n.severity].zh : '',
      findings: n.findings,
      community: n.community ?? '',
      degree: degree.get(n.key) ?? 0,
    });
    rows++;
  }
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), rows };
}
