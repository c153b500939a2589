// The wsgiwatch version, from package.json: esbuild inlines the JSON into the bundle, so `--version` and
// wsgiwatch_build_info say the same in a checkout, the npm package and the Docker image.

import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
