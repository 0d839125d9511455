/**
 * `candor services [--json] [name]`: the vendor catalog (src/catalog/services.json, copied to
 * dist/services.json by the build), listed for people or as JSON.
 */
import { readFileSync } from 'node:fs';

/** One service of the catalog (src/catalog/services.schema.json). */
export interface Service {
  id: string;
  name: string;
  legalName: string;
  country: string;
  policyUrl: string;
  purpose: string;
  consentApi: boolean;
  cookies: string[];
  storageKeys: string[];
  source: string;
}

/** The catalog next to the command (dist/services.json). */
export function catalog(): Service[] {
  return JSON.parse(readFileSync(new URL('./services.json', import.meta.url), 'utf8')).services;
}

/** The services whose id or name contains `name` (every one without it). */
export function findServices(services: Service[], name?: string): Service[] {
  const q = (name || '').toLowerCase();
  return services.filter((s) => !q || s.id.includes(q) || s.name.toLowerCase().includes(q));
}

/** One service per line, or every fact of each when there are few. */
export function servicesText(list: Service[]): string {
  if (list.length > 3) return list.map((s) => `${s.id.padEnd(24)}${s.name} (${s.legalName}, ${s.country}) · ${s.purpose}`).join('\n') + '\n';
  return (
    list
      .map((s) =>
        [
          `${s.id}: ${s.name}`,
          `  vendor       ${s.legalName} (${s.country}), ${s.policyUrl}`,
          `  purpose      ${s.purpose}${s.consentApi ? ' · has a consent API' : ''}`,
          `  cookies      ${s.cookies.join(' ') || '—'}`,
          `  storage keys ${s.storageKeys.join(' ') || '—'}`,
          `  source       ${s.source}`,
        ].join('\n'),
      )
      .join('\n\n') + '\n'
  );
}
