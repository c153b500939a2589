// A problem reading the Apache configuration, pointing at the file and line Apache would name.

export interface ConfigError {
  file: string;
  line: number;
  message: string;
}
