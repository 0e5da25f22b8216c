/** The three platform documents a filing must carry, as small files (one a minimal valid PDF). */

function minimalPdf(lines: string[]): Buffer {
  const stream = ['BT', '/F1 12 Tf', '72 760 Td', '16 TL', ...lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface SampleDocument {
  kind: 'management_rules' | 'platform_convention' | 'service_agreement';
  title: string;
  file: string;
  bytes: Buffer;
}

export function sampleDocuments(platformName: string, variety: boolean): SampleDocument[] {
  return [
    {
      kind: 'management_rules',
      title: '账号管理规则',
      file: 'docs/management-rules.pdf',
      bytes: minimalPdf([
        `${'Account Management Rules (sample filing, not a real platform document)'}`,
        '1. Real-name verification before publishing.',
        '2. Names must not imitate party, government, military or news organisations.',
        '3. Finance, education, medical and judicial accounts show verified credentials.',
        '4. Complaints are handled within 15 days.',
      ]),
    },
    {
      kind: 'platform_convention',
      title: '平台公约',
      file: 'docs/platform-convention.txt',
      bytes: Buffer.from(
        `${platformName}平台公约（示例数据）\r\n\r\n一、遵守法律法规，坚守“七条底线”。\r\n二、不制作、不传播谣言和虚假信息，转载须注明来源。\r\n三、技术生成内容、虚构演绎内容须显著标注。\r\n四、不得通过矩阵账号批量发布雷同内容，不得刷粉刷量。\r\n五、MCN 机构签约账号须展示机构名称。\r\n`,
        'utf8',
      ),
    },
    {
      kind: 'service_agreement',
      title: '用户服务协议',
      file: variety ? 'docs/用户服务协议.txt' : 'docs/service-agreement.txt',
      bytes: Buffer.from(
        `${platformName}用户服务协议（示例数据）\r\n\r\n第一条 用户注册账号须完成真实身份信息认证。\r\n第二条 用户承诺遵守法律法规、社会主义制度、国家利益、公民合法权益、社会公共秩序、道德风尚和信息真实性“七条底线”。\r\n第三条 账号名称、头像、简介不得含有违法和不良信息。\r\n第四条 平台在 15 日内处理投诉举报并反馈结果。\r\n`,
        'utf8',
      ),
    },
  ];
}
