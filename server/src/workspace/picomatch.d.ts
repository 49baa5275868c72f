/** The part of picomatch (a dependency, no bundled types) the library scope uses. */
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
  }
  function picomatch(glob: string | string[], options?: PicomatchOptions): (test: string) => boolean;
  export = picomatch;
}
