import { AppError } from '../../kernel/errors.js';

export type CityJsonErrorKind =
  | 'not-json'
  | 'not-cityjson'
  | 'unsupported-version'
  | 'schema'
  | 'geometry'
  | 'hierarchy'
  | 'missing-transform'
  | 'missing-crs'
  | 'crs'
  | 'feature';

/**
 * A file the importer refuses. `objectId` names the CityObject at fault when there
 * is one, `line` the CityJSONSeq line; the detail says both, so a user can find it.
 */
export class CityJsonError extends AppError {
  constructor(
    readonly kind: CityJsonErrorKind,
    message: string,
    readonly objectId: string | null = null,
    readonly line: number | null = null,
    readonly pointer: string | null = null,
  ) {
    const where = [line !== null ? `line ${line}` : null, objectId !== null ? `CityObject '${objectId}'` : null]
      .filter(Boolean)
      .join(', ');
    const detail = where ? `${where}: ${message}` : message;
    super('validation-failed', detail, [{ name: pointer ?? (objectId !== null ? `CityObjects.${objectId}` : 'file'), reason: message }]);
    this.name = 'CityJsonError';
  }
}
