import { createTheme } from '@mantine/core';

/** Dense, calm, business-like: small type scale, small radius, one accent colour. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: '"Segoe UI", system-ui, -apple-system, Roboto, "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: '"Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '20px' },
  headings: { fontWeight: '650', sizes: { h4: { fontSize: '16px', lineHeight: '1.3' } } },
  focusRing: 'auto',
  cursorType: 'pointer',
});
