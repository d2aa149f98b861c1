import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Where `npm run dev:web` forwards API calls: the Countersign server started with `npm run dev`.
const apiTarget = process.env.COUNTERSIGN_DEV_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // Resolved from this file, so the build works from any working directory.
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // No @vitejs/plugin-react: esbuild compiles JSX with React's automatic runtime (no Fast Refresh in dev).
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      onwarn(warning, warn) {
        // Mantine marks its modules "use client" for React Server Components; meaningless in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // React and Mantine change far less often than the app: separate files keep them cached across releases.
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          // pdf.js is loaded on demand, by the document preview only (web/src/preview/pdfjs.ts): its own
          // chunk, never part of the vendor chunk every page loads.
          if (id.includes('node_modules/pdfjs-dist/')) return 'pdfjs';
          // The languages' machinery (i18next, ICU messages), needed by every page but changed apart from Mantine.
          if (/node_modules\/(i18next|react-i18next|i18next-[\w-]+|intl-messageformat|@formatjs)\//.test(id)) return 'i18n';
          if (id.includes('node_modules/')) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/sandbox': apiTarget,
      '/health': apiTarget,
    },
  },
});
