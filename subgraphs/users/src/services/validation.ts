import { z } from 'zod';
import { badUserInput } from '@supergraph/errors';

const emailSchema = z.email();

export function normalizeEmail(email: string, field = 'input.email'): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !emailSchema.safeParse(normalized).success) throw badUserInput('Email address is not valid', field);
  return normalized;
}

export function requireText(value: string | null | undefined, field: string, { min = 1, max = 200 } = {}): string {
  const text = (value ?? '').trim();
  if (text.length < min || text.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters`, field);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return text || null;
}

export { isUuid } from '@supergraph/service-kit';
