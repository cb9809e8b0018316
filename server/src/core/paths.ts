/** Repository-relative paths, always with `/`. */

/** The folder a path is in, with its trailing slash, ready to prefix a name; '' at the top. */
export function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The folder a path is in, without a trailing slash; '' at the top. */
export function parentOf(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf('/')));
}
