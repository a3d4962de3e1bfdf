import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The renderer is built once and loaded by Electron (file://) and by the browser bridge (http://127.0.0.1). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      output: {
        // One clearly named chunk for the editor, shared by the file viewer and the SQL console.
        manualChunks: (id: string) => (id.includes('node_modules/monaco-editor') ? 'monaco' : undefined),
      },
    },
  },
});
