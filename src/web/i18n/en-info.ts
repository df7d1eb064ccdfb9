import type { jaInfo } from './ja-info.js';

/** Inquiry and output-ledger texts (merged into en.ts). */
export const enInfo: Record<keyof typeof jaInfo, string> = {
  'nav.inquiry': 'Inquiry',
  'nav.outputs': 'Outputs',
  'inquiry.title': 'Inquiry',
  'outputs.title': 'Output ledger',
};
