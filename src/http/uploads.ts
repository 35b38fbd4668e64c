/**
 * Reading an uploaded file from a multipart request. A malformed multipart
 * body (no boundary, a truncated part) is the client's mistake: 400 with a
 * message, never a 500 from the parser's own error. A file over the size
 * limit keeps the parser's 413.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';

const MALFORMED = '上传的内容格式有误：请用 multipart/form-data 上传图片文件';

function asClientError(err: unknown): never {
  if ((err as { statusCode?: number }).statusCode === 413) throw err;
  throw new AppError('BAD_REQUEST', MALFORMED, { cause: err });
}

/** The first file part (its fields before it are read), or undefined when there is none. */
export async function nextUpload(request: FastifyRequest): Promise<MultipartFile | undefined> {
  try {
    return await request.file();
  } catch (err) {
    return asClientError(err);
  }
}

/** The file's bytes (the rest of its part). */
export async function uploadBytes(file: MultipartFile): Promise<Buffer> {
  try {
    return await file.toBuffer();
  } catch (err) {
    return asClientError(err);
  }
}
