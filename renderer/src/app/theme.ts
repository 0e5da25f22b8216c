import { createTheme } from '@mantine/core';

/** Fonts that render Chinese on Windows, macOS and Linux (Noto CJK on Debian). */
const CJK_FONTS =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: CJK_FONTS,
  headings: { fontFamily: CJK_FONTS },
  defaultRadius: 'sm',
  focusRing: 'auto',
});
