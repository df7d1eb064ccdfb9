import type { RequestDocument, RequestTypeCode } from '../../contract.js';
import type { FormWriter } from '../layout.js';
import { layout as aic1 } from './aic1_app_development.js';
import { layout as aic2 } from './aic2_app_change.js';
import { layout as aic3 } from './aic3_registrar.js';
import { layout as aic4 } from './aic4_use_right.js';
import { layout as aic5 } from './aic5_dispatch_use_right.js';
import { layout as aic6 } from './aic6_input_processing.js';
import { layout as aic7 } from './aic7_temporary_output.js';
import { layout as edo } from './edo_exception.js';
import { layout as ext } from './external_service.js';
import { layout as isk1 } from './isk1_take_out.js';
import { layout as isk2 } from './isk2_bring_in.js';

export type Layout = (w: FormWriter, doc: RequestDocument) => void;

/** One layout per request type; the ISK permit (別記様式第3号) is in isk3_permit.ts. */
export const layouts: Record<RequestTypeCode, Layout> = {
  aic1_app_development: aic1,
  aic2_app_change: aic2,
  aic3_registrar: aic3,
  aic4_use_right: aic4,
  aic5_dispatch_use_right: aic5,
  aic6_input_processing: aic6,
  aic7_temporary_output: aic7,
  isk1_take_out: isk1,
  isk2_bring_in: isk2,
  edo_exception: edo,
  external_service: ext,
};
