import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors.js';

/** Parses input at an edge or a command boundary; failures become VALIDATION_FAILED with field details. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', undefined, { details: zodDetails(result.error) });
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
