import type { RequestTypeCode } from '../contract.js';
import { aic1AppDevelopment } from './aic1_app_development.js';
import { aic2AppChange } from './aic2_app_change.js';
import { aic3Registrar } from './aic3_registrar.js';
import { aic4UseRight } from './aic4_use_right.js';
import { aic5DispatchUseRight } from './aic5_dispatch_use_right.js';
import { aic6InputProcessing } from './aic6_input_processing.js';
import { aic7TemporaryOutput } from './aic7_temporary_output.js';
import type { RequestType } from './definition.js';
import { edoException } from './edo_exception.js';
import { externalService } from './external_service.js';
import { isk1TakeOut } from './isk1_take_out.js';
import { isk2BringIn } from './isk2_bring_in.js';

export type { RequestType, StageSpec } from './definition.js';

/** Every request type, declared in code (one file each). */
export const REQUEST_TYPES: Record<RequestTypeCode, RequestType> = {
  aic1_app_development: aic1AppDevelopment,
  aic2_app_change: aic2AppChange,
  aic3_registrar: aic3Registrar,
  aic4_use_right: aic4UseRight,
  aic5_dispatch_use_right: aic5DispatchUseRight,
  aic6_input_processing: aic6InputProcessing,
  aic7_temporary_output: aic7TemporaryOutput,
  isk1_take_out: isk1TakeOut,
  isk2_bring_in: isk2BringIn,
  edo_exception: edoException,
  external_service: externalService,
};

export function requestType(code: string): RequestType | undefined {
  return Object.hasOwn(REQUEST_TYPES, code) ? REQUEST_TYPES[code as RequestTypeCode] : undefined;
}
