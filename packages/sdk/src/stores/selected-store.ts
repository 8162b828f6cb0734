import { atom, type WritableAtom } from 'nanostores';
import { LocationId } from '@omnikit/contract/client';

/** The part of the Web Storage API the SDK uses; any object with these three methods works. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage key of the selected store id. Only a store id is kept: nothing that identifies a person. */
export const SELECTED_STORE_KEY = 'omnikit:store';

/** @internal The page's `localStorage` when it may be used, else `null`. */
export function defaultStorage(): StorageLike | null {
  try {
    // Reading `localStorage` itself throws in sandboxed iframes and with cookies blocked.
    return typeof globalThis.localStorage === 'object' ? globalThis.localStorage : null;
  } catch {
    return null;
  }
}

function read(storage: StorageLike | null): string | undefined {
  try {
    const v = storage?.getItem(SELECTED_STORE_KEY);
    return v && LocationId.safeParse(v).success ? v : undefined;
  } catch {
    return undefined;
  }
}

/** @internal The selected-store atom with persistence; a client service. */
/* @__NO_SIDE_EFFECTS__ */
export function createSelectedStore(storageOption: StorageLike | null | undefined): {
  $store: WritableAtom<string | undefined>;
  close(): void;
} {
  const storage = storageOption === undefined ? defaultStorage() : storageOption;
  const $store = atom<string | undefined>(read(storage));
  let writing = false;
  const unlisten = $store.listen((value) => {
    if (writing) return;
    try {
      if (value === undefined) storage?.removeItem(SELECTED_STORE_KEY);
      else storage?.setItem(SELECTED_STORE_KEY, value);
    } catch {
      // Full or blocked storage: the choice still holds for this page.
    }
  });
  // Another tab chose a store: follow it, when the storage is the page's localStorage.
  let onStorage: ((e: StorageEvent) => void) | undefined;
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function' && storage === defaultStorage() && storage) {
    onStorage = (e) => {
      if (e.key !== SELECTED_STORE_KEY) return;
      writing = true;
      try {
        $store.set(read(storage));
      } finally {
        writing = false;
      }
    };
    window.addEventListener('storage', onStorage);
  }
  return {
    $store,
    close() {
      unlisten();
      if (onStorage) window.removeEventListener('storage', onStorage);
    },
  };
}
