/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Tile URL template of a basemap, e.g. https://tiles.example.org/{z}/{x}/{y}.png; unset: no basemap. */
  readonly VITE_BASEMAP_URL?: string;
  /** Attribution to show with that basemap. */
  readonly VITE_BASEMAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
