import { AppError } from '../../../kernel/errors.js';

/** A malformed query option: 400 naming the option. */
export const badQuery = (option: string, reason: string): AppError =>
  new AppError('invalid-query', `${option}: ${reason}`, [{ name: option, reason, in: 'query' }]);

/** A valid request for something this service does not offer: 501, as the spec asks. */
export const unsupported = (what: string): AppError => new AppError('not-implemented', `${what} is not supported by this service`);
