import type { jaInfoAdmin } from './ja-info-admin.js';

/** Applications, use rights, access records and manuals texts (merged into en.ts). */
export const enInfoAdmin: Record<keyof typeof jaInfoAdmin, string> = {
  'nav.info': 'Applications & rights',
  'info.title': 'Applications and use rights',
};
