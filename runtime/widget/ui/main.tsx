import { mount } from './mount.tsx';

/** widget-ui.js: hands its mount function to the loader that fetched it (see loader/main.ts). */
(window as unknown as { Tributary?: { _mount?: (m: typeof mount) => void } }).Tributary?._mount?.(mount);
