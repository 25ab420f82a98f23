/** Refusals a handler throws; the router turns them into `{ ok: false, error }`. */
import type { ErrorCode } from '../../types/errors';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const refuse = {
  forbidden: (message = '您没有权限进行此操作') => new AppError('FORBIDDEN', message),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what}不存在或您无权查看`),
  invalid: (message: string) => new AppError('INVALID_INPUT', message),
  conflict: (message = '数据已被他人修改，请刷新后重试') => new AppError('CONFLICT', message),
};
