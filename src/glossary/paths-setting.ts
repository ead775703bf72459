import { SHIPPED_GLOSSARY_DIR } from '../paths.js';

/**
 * GLOSSARY_PATHS: comma-separated files or directories. Unset means the shipped glossary;
 * "shipped" inside the list stands for it, so `shipped,/srv/our-terms.yaml` adds to it and
 * `/srv/our-glossary` replaces it.
 */
export function glossaryPaths(setting: string | undefined): string[] {
  const parts = (setting ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return [SHIPPED_GLOSSARY_DIR];
  return parts.map((part) => (part === 'shipped' ? SHIPPED_GLOSSARY_DIR : part));
}
