// Input the user must fix before the engine can be built: an Apache config error (file:line), an unknown LogFormat.

import { UserError } from '../user-error.ts';

export class EngineInputError extends UserError {
  override name = 'EngineInputError';
}
