const KEY = 'lifeboat.token';

/**
 * The API token lives in sessionStorage: it survives a reload of the tab, never outlives the tab,
 * and is never written to a cookie or the URL.
 */
export const tokenStore = {
  get(): string | undefined {
    return sessionStorage.getItem(KEY) ?? undefined;
  },
  set(token: string): void {
    sessionStorage.setItem(KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
