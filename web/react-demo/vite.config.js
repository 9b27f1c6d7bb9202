import { defineConfig } from 'vite';
import { resolve } from 'node:path';

// Builds react.html + one JS file into the demo's wwwroot, with stable (hash-free) names so
// the committed output only changes when the source does.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../samples/ChatKit.Demo/wwwroot'),
    emptyOutDir: false,
    modulePreload: false,
    sourcemap: false,
    rollupOptions: {
      input: resolve(import.meta.dirname, 'react.html'),
      output: {
        entryFileNames: 'react-assets/react-demo.js',
        chunkFileNames: 'react-assets/[name].js',
        assetFileNames: 'react-assets/[name][extname]',
      },
    },
  },
});
