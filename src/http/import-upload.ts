/**
 * Reading an import's upload (the API and the admin console): the fields
 * before the file (`format`, `channel_map`, the form's `_csrf`) and the file
 * itself, up to the import limit, streamed.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import {
  IMPORT_FORMATS,
  IMPORT_UPLOAD_MAX_BYTES,
  parseChannelMap,
  type ImportFormat,
} from '../transfer/index.js';

/** The upload's fields (before the file) checked as the form says, or a 400 naming the field. */
export function uploadFields(file: MultipartFile): {
  format: ImportFormat;
  channelMap?: Record<string, string>;
} {
  const field = (name: string) => {
    const f = file.fields[name];
    return f && 'value' in f ? String(f.value) : undefined;
  };
  const format = field('format');
  if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [
        { path: 'format', message: `请选择格式（${IMPORT_FORMATS.join('、')}），并放在文件之前` },
      ],
    });
  const raw = field('channel_map');
  if (!raw?.trim()) return { format: format as ImportFormat };
  const parsed = parseChannelMap(raw);
  if ('error' in parsed)
    throw new AppError('VALIDATION_FAILED', undefined, {
      details: [{ path: 'channel_map', message: parsed.error }],
    });
  return { format: format as ImportFormat, channelMap: parsed.map };
}

/** Reads the upload of an import (the first file part, up to the import limit). */
export async function importUpload(request: FastifyRequest): Promise<MultipartFile> {
  if (!request.isMultipart())
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '请用 multipart/form-data 上传，字段 format 在前、file 在后',
    );
  let file: MultipartFile | undefined;
  try {
    file = await request.file({
      limits: { fileSize: IMPORT_UPLOAD_MAX_BYTES, files: 1, fields: 10 },
    });
  } catch (err) {
    throw new AppError('BAD_REQUEST', '上传的内容格式有误：请用 multipart/form-data 上传', {
      cause: err,
    });
  }
  if (!file)
    throw new AppError('VALIDATION_FAILED', '请上传导出文件', {
      details: [{ path: 'file', message: '必填' }],
    });
  return file;
}
