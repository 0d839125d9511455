/** The lazily loaded slow-path chunk (dist/candor-core.js): registers its services for candor.js. */
import { createServices } from './core/services';

(window as any).candorCore = createServices;
