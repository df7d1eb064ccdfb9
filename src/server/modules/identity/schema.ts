import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';

export const loginSchema = z.object({
  loginId: z.string().min(1).max(64),
  password: z
    .string()
    .min(1)
    .max(MAX_PASSWORD_LENGTH * 4),
});

export const changePasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1)
    .max(MAX_PASSWORD_LENGTH * 4),
  newPassword: z
    .string()
    .min(1)
    .max(MAX_PASSWORD_LENGTH * 4),
});

export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) });

/** WebAuthn responses are checked cryptographically by the library; here only their outline. */
const webauthnResponse = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(40).optional(),
  })
  .passthrough();

export const webauthnLoginSchema = z.object({ response: webauthnResponse });
export const webauthnRegistrationSchema = z.object({ response: webauthnResponse, label: z.string().trim().min(1).max(60) });
export const preferencesSchema = z.object({ locale: z.enum(['ja', 'en']) });
export const idParamSchema = z.object({ id: z.uuid() });
export const historyQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
