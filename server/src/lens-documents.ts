/**
 * Short keys for documents in the lenses sent without their commands (a number instead of a URI repeated 3,000 times
 * in a 1,000-step file's lenses); `codeLens/resolve` finds the URI back. A key stays valid for the server's life.
 */
export class LensDocuments {
  private readonly keys = new Map<string, number>();
  private readonly uris: string[] = [];

  key(uri: string): number {
    let key = this.keys.get(uri);
    if (key === undefined) {
      key = this.uris.push(uri) - 1;
      this.keys.set(uri, key);
    }
    return key;
  }

  uri(key: number): string | undefined {
    return Number.isInteger(key) ? this.uris[key] : undefined;
  }
}
