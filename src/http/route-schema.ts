/**
 * The route schema is the contract (STYLE 16): zod schemas declared on each
 * route validate params, query, body and headers before the handler runs,
 * type `request.*` through a Fastify type provider, and generate the OpenAPI
 * document (api/openapi.ts). Handlers never cast request input.
 *
 * A failure becomes VALIDATION_FAILED (422) with one `{path, message}` per
 * problem in Chinese; a path parameter that fails its schema names something
 * that cannot exist, so it answers the route's not-found code instead.
 */
import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../shared/errors.js';
import { zhErrorMap, zodDetails } from '../shared/validation.js';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export type RoutePart = 'body' | 'querystring' | 'params' | 'headers';

/** A request part that failed its route schema. */
export class RouteInputError extends AppError {
  constructor(
    readonly part: RoutePart,
    error: z.ZodError,
  ) {
    super('VALIDATION_FAILED', undefined, { details: zodDetails(error) });
  }
}

declare module 'fastify' {
  interface FastifySchema {
    /** One line for the OpenAPI operation. */
    summary?: string;
    description?: string;
    /** OpenAPI tag (the resource). */
    tags?: readonly string[];
    /** `bearer`: needs a token; `optional`: works with or without one (a token shows more). */
    auth?: 'bearer' | 'optional' | 'session';
    /**
     * A multipart/form-data body (uploads), for the document only: it is
     * streamed to the handler, which checks it as it reads (zod schema).
     */
    multipart?: unknown;
    /** A 200 that is a file, not JSON (e.g. `application/zip`), for the document. */
    binaryResponse?: { readonly type: string; readonly description: string };
  }
  interface FastifyContextConfig {
    /** The code a malformed path parameter answers (default NOT_FOUND). */
    notFound?: ErrorCode;
    /**
     * A POST that changes nothing a forger could want (a page-view beacon):
     * no CSRF token needed (cross-site requests are still refused).
     */
    noCsrfToken?: boolean;
    /**
     * A POST authorized by a secret in its URL alone (a mail's one-click
     * unsubscribe, RFC 8058): accepted from anywhere, without a session.
     */
    fromAnywhere?: boolean;
  }
}

function isZod(schema: unknown): schema is z.ZodType {
  return typeof schema === 'object' && schema !== null && '_zod' in schema;
}

/** Installs zod validation on `app` (and everything registered inside it). */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (!isZod(schema)) throw new Error(`route schema for ${httpPart} is not a zod schema`);
    return (data: unknown) => {
      try {
        const result = schema.safeParse(data, { error: zhErrorMap });
        if (result.success) return { value: result.data };
        return { error: new RouteInputError((httpPart ?? 'body') as RoutePart, result.error) };
      } catch (err) {
        // CASE: a transform threw on input nobody foresaw: still the client's input, never a 500.
        return {
          error: new AppError('VALIDATION_FAILED', undefined, {
            details: [{ path: '', message: '输入无法解析' }],
            cause: err,
          }),
        };
      }
    };
  });
  // Response schemas document the contract; replies are serialised as they are.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/**
 * What a thrown error means for the client: a malformed path parameter is
 * "not found" (with the route's own code), everything else as thrown.
 */
export function routeError(err: unknown, notFound: ErrorCode | undefined): unknown {
  if (err instanceof RouteInputError && err.part === 'params')
    return new AppError(notFound ?? 'NOT_FOUND');
  return err;
}
